package com.chirpchat.application.chat;

import java.time.Clock;
import java.util.List;

import com.chirpchat.application.account.LoadUserPort;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.MembershipRules;
import com.chirpchat.domain.event.ChatEvent;

public final class AddMemberService implements AddMemberUseCase {
    private final ChangeChatPort ledger;
    private final LoadUserPort users;
    private final EventPublisher publisher;
    private final Clock clock;

    public AddMemberService(ChangeChatPort ledger, LoadUserPort users, EventPublisher publisher, Clock clock) {
        this.ledger = ledger;
        this.users = users;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public Membership add(AddMemberCommand command) {
        Membership membership = new Membership(command.userId(), command.role());
        ChatEvent event = ledger.change(command.chatId(), chat -> {
            // rights first, so outsiders learn nothing about which user ids exist
            MembershipRules.mayAddMember(chat, command.actor(), command.userId(), command.role()).orThrow();
            if (users.existing(List.of(command.userId())).isEmpty()) {
                throw UseCaseException.invalid("userId: no such user");
            }
            return chat.addMember(membership, clock.instant());
        });
        publisher.publish(event);
        return membership;
    }
}
