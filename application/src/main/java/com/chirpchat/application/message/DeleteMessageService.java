package com.chirpchat.application.message;

import java.time.Clock;

import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.domain.ledger.DeleteMessage;
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
        // a message id names no chat: find which one to lock
        Message found = messages.message(messageId).orElseThrow(() -> UseCaseException.notFound("no message " + messageId));
        ledger.apply(new DeleteMessage(found.chatId(), actor, messageId, clock.instant()), publisher::publishCommitted);
    }
}
