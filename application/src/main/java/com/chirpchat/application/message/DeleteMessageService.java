package com.chirpchat.application.message;

import java.time.Clock;
import java.util.Optional;

import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.domain.chat.MembershipRules;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;

public final class DeleteMessageService implements DeleteMessageUseCase {
    private final LoadMessagePort messages;
    private final ChangeChatPort ledger;
    private final EventPublisher publisher;
    private final Clock clock;

    public DeleteMessageService(LoadMessagePort messages, ChangeChatPort ledger, EventPublisher publisher, Clock clock) {
        this.messages = messages;
        this.ledger = ledger;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public void delete(UserId actor, MessageId messageId) {
        Message found = messages.message(messageId).orElseThrow(() -> UseCaseException.notFound("no message " + messageId));
        Optional<ChatEvent> event = ledger.change(found.chatId(), chat -> {
            Message current = chat.message(messageId).orElseThrow(() -> UseCaseException.notFound("no message " + messageId));
            MembershipRules.mayDeleteMessage(chat, actor, current.authorId()).orThrow();
            if (current.deleted()) {
                return Optional.<ChatEvent>empty();
            }
            // the file goes too: queued in this transaction, so a crash can't leave it behind
            current.media().ifPresent(media -> chat.scheduleMediaDeletion(media.assetKey(), media.resourceType(), clock.instant()));
            return Optional.of(chat.deleteMessage(messageId, clock.instant()));
        });
        event.ifPresent(publisher::publish);
    }
}
