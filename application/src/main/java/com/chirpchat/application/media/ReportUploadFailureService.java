package com.chirpchat.application.media;

import java.time.Clock;

import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.application.message.LoadMessagePort;
import com.chirpchat.domain.ledger.Outcome;
import com.chirpchat.domain.ledger.ReportUploadRefused;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.UserId;

public final class ReportUploadFailureService implements ReportUploadFailureUseCase {
    private final LoadMessagePort messages;
    private final ChangeChatPort ledger;
    private final EventPublisher publisher;
    private final Clock clock;

    public ReportUploadFailureService(LoadMessagePort messages, ChangeChatPort ledger, EventPublisher publisher, Clock clock) {
        this.messages = messages;
        this.ledger = ledger;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public Message report(UserId uploader, MessageId messageId, String reason) {
        // a message id names no chat: find which one to lock
        Message found = messages.message(messageId).orElseThrow(() -> UseCaseException.notFound("no message " + messageId));
        Outcome.Accepted<Message> done = ledger.apply(new ReportUploadRefused(found.chatId(), uploader, messageId, reason, clock.instant()),
                                                      publisher::publishCommitted);
        return done.result();
    }
}
