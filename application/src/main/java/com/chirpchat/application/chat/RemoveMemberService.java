package com.chirpchat.application.chat;

import java.time.Clock;

import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.MembershipRules;
import com.chirpchat.domain.event.ChatEvent;
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
        ChatEvent event = ledger.change(chatId, chat -> {
            MembershipRules.mayRemoveMember(chat, actor, userId).orThrow();
            return chat.removeMember(userId, clock.instant());
        });
        publisher.publish(event);
    }
}
