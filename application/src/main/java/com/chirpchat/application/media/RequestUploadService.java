package com.chirpchat.application.media;

import java.time.Clock;
import java.util.Optional;

import com.chirpchat.application.common.IdGenerator;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.application.ledger.NewMessage;
import com.chirpchat.domain.chat.MembershipRules;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageKind;

public final class RequestUploadService implements RequestUploadUseCase {
    private final ChangeChatPort ledger;
    private final MediaStore store;
    private final MediaLimits limits;
    private final EventPublisher publisher;
    private final IdGenerator ids;
    private final Clock clock;

    public RequestUploadService(ChangeChatPort ledger, MediaStore store, MediaLimits limits, EventPublisher publisher,
                                IdGenerator ids, Clock clock) {
        this.ledger = ledger;
        this.store = store;
        this.limits = limits;
        this.publisher = publisher;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public UploadTicket request(RequestUploadCommand command) {
        Placeholder placeholder = ledger.change(command.chatId(), chat -> {
            // membership first: outsiders learn nothing, not even the limits
            MembershipRules.mayPost(chat, command.author()).orThrow();
            limits.checkDeclared(command.type(), command.bytes(), command.fileName());
            Optional<Message> earlier = command.clientMessageId().flatMap(id -> chat.messageByClientId(command.author(), id));
            if (earlier.isPresent()) {
                Message message = earlier.get();
                boolean sameUpload = !message.deleted() && message.kind() == MessageKind.MEDIA
                        && message.media().orElseThrow().resourceType() == command.type();
                if (!sameUpload) {
                    throw UseCaseException.conflict("clientMessageId was already used for another message");
                }
                if (message.media().orElseThrow().status() != MediaStatus.UPLOADING) {
                    throw UseCaseException.conflict("the upload for this message has already arrived");
                }
                return new Placeholder(message, null);
            }
            MessageId id = new MessageId(ids.next());
            MediaAsset asset = MediaAsset.uploading(command.type(), folderOf(command) + "/" + id);
            ChatEvent event = chat.appendMessage(NewMessage.media(id, command.author(), asset, command.clientMessageId(), clock.instant()));
            return new Placeholder(((EventData.MessageCreated) event.data()).message(), event);
        });
        if (placeholder.event() != null) {
            publisher.publish(placeholder.event());
        }
        Message message = placeholder.message();
        MediaLimits.Limit limit = limits.of(command.type());
        // every chat's files live in its own folder, named by message id: an upload can only land where we said
        SignedUpload upload = store.signUpload(new UploadSpec(folderOf(command), message.id().toString(), command.type(),
                                                              limit.formats(), limit.maxBytes()));
        return new UploadTicket(message, upload, placeholder.event() != null);
    }

    private static String folderOf(RequestUploadCommand command) {
        return "chats/" + command.chatId();
    }

    private record Placeholder(Message message, ChatEvent event) {
    }
}
