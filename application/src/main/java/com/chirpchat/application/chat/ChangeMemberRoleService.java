package com.chirpchat.application.chat;

import java.time.Clock;

import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.ledger.ChangeRole;
import com.chirpchat.domain.ledger.Outcome;
import com.chirpchat.domain.user.UserId;

public final class ChangeMemberRoleService implements ChangeMemberRoleUseCase {
    private final ChangeChatPort ledger;
    private final EventPublisher publisher;
    private final Clock clock;

    public ChangeMemberRoleService(ChangeChatPort ledger, EventPublisher publisher, Clock clock) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public Membership changeRole(UserId actor, ChatId chatId, UserId userId, Role role) {
        Outcome.Accepted<Membership> changed = ledger.apply(new ChangeRole(chatId, actor, userId, role, clock.instant()),
                                                            publisher::publishCommitted);
        return changed.result();
    }
}
