package com.chirpchat.application.chat;

import java.time.Clock;

import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.ledger.RemoveMember;
import com.chirpchat.domain.user.UserId;

public final class RemoveMemberService implements RemoveMemberUseCase {
    private final ChangeChatPort ledger;
    private final EventPublisher publisher;
    private final Clock clock;

    public RemoveMemberService(ChangeChatPort ledger, EventPublisher publisher, Clock clock) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public void remove(UserId actor, ChatId chatId, UserId userId) {
        ledger.apply(new RemoveMember(chatId, actor, userId, clock.instant()), publisher::publishCommitted);
    }
}
