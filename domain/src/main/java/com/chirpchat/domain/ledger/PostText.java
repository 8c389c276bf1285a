package com.chirpchat.domain.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.MembershipRules;
import com.chirpchat.domain.common.Decision;
import com.chirpchat.domain.message.ClientKey;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.UserId;

/**
 * A member posts a text message ({@code message_created}). Sent again with the same client message id, it is the
 * first message, never a second one; {@code messageId} is the id the message gets if this post creates it.
 */
public record PostText(ChatId chatId, UserId author, MessageId messageId, MessageText text,
                       Optional<ClientMessageId> clientMessageId, Instant at) implements ChatCommand<Sent> {
    public PostText {
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(clientMessageId, "clientMessageId");
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
        if (MembershipRules.mayPost(state.roster(), author) instanceof Decision.Rejected no) {
            return Outcome.rejected(no);
        }
        Optional<Message> earlier = clientKey().flatMap(state::messageByClientKey);
        if (earlier.isPresent()) {
            return Outcome.unchanged(state, new Sent(earlier.get(), false));
        }
        Message message = Message.text(messageId, chatId, state.lastSeq() + 1, author, text, at);
        Messages.insert(recorder, message, clientKey());
        return recorder.accept(new Sent(message, true));
    }

    private Optional<ClientKey> clientKey() {
        return clientMessageId.map(id -> new ClientKey(author, id));
    }
}
