package com.chirpchat.domain.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.MembershipRules;
import com.chirpchat.domain.common.Decision;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaLimits;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.AssetKey;
import com.chirpchat.domain.message.ClientKey;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.UploadRetries;
import com.chirpchat.domain.user.UserId;

/**
 * A member asks to upload a file: a media message waiting for it ({@code uploading}, {@code message_created}), its
 * file to live at the message's {@link AssetKey}. Members only, and outsiders learn nothing, not even the limits;
 * then the declared size and name must fit {@code limits}; a retry (same client message id) is the first request's
 * message while its file has not arrived ({@link UploadRetries}).
 */
public record StartUpload(ChatId chatId, UserId author, MessageId messageId, ResourceType type, Optional<String> fileName,
                          OptionalLong bytes, Optional<ClientMessageId> clientMessageId, MediaLimits limits, Instant at)
        implements ChatCommand<Sent> {
    public StartUpload {
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(clientMessageId, "clientMessageId");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public Concerns concerns() {
        Concerns concerns = Concerns.NONE.member(author);
        return clientKey().map(concerns::clientKey).orElse(concerns);
    }

    @Override
    public Outcome<Sent> decide(ChatState state) {
        Recorder recorder = Recorder.on(state, chatId);
        Decision may = MembershipRules.mayPost(state.roster(), author).and(() -> limits.mayDeclare(type, bytes, fileName));
        if (may instanceof Decision.Rejected no) {
            return Outcome.rejected(no);
        }
        Optional<Message> earlier = clientKey().flatMap(state::messageByClientKey);
        if (earlier.isPresent()) {
            if (UploadRetries.mayRetry(earlier.get(), type) instanceof Decision.Rejected no) {
                return Outcome.rejected(no);
            }
            return Outcome.unchanged(state, new Sent(earlier.get(), false));
        }
        MediaAsset asset = MediaAsset.uploading(type, new AssetKey(chatId, messageId).value(), fileName.map(String::strip));
        Message message = Message.media(messageId, chatId, state.lastSeq() + 1, author, asset, at);
        Messages.insert(recorder, message, clientKey());
        return recorder.accept(new Sent(message, true));
    }

    private Optional<ClientKey> clientKey() {
        return clientMessageId.map(id -> new ClientKey(author, id));
    }
}
