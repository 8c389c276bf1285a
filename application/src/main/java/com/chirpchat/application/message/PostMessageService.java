package com.chirpchat.application.message;

import java.time.Clock;

import com.chirpchat.application.common.IdGenerator;
import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.application.limits.UserQuotas;
import com.chirpchat.domain.ledger.Outcome;
import com.chirpchat.domain.ledger.PostText;
import com.chirpchat.domain.ledger.Sent;
import com.chirpchat.domain.message.MessageId;

public final class PostMessageService implements PostMessageUseCase {
    private final ChangeChatPort ledger;
    private final EventPublisher publisher;
    private final IdGenerator ids;
    private final Clock clock;
    private final UserQuotas quotas;

    public PostMessageService(ChangeChatPort ledger, EventPublisher publisher, IdGenerator ids, Clock clock) {
        this(ledger, publisher, ids, clock, UserQuotas.none());
    }

    public PostMessageService(ChangeChatPort ledger, EventPublisher publisher, IdGenerator ids, Clock clock, UserQuotas quotas) {
        this.quotas = quotas;
        this.ledger = ledger;
        this.publisher = publisher;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public PostedMessage post(PostMessageCommand command) {
        quotas.checkPost(command.author());
        // decided under the chat's lock, so two concurrent retries cannot both create
        Outcome.Accepted<Sent> posted = ledger.apply(new PostText(command.chatId(), command.author(), new MessageId(ids.next()),
                                                                  command.text(), command.clientMessageId(), clock.instant()),
                                                      publisher::publishCommitted);
        if (posted.result().created()) {
            quotas.countPost(command.author()); // a retry was counted the first time
        }
        return new PostedMessage(posted.result().message(), posted.result().created());
    }
}
