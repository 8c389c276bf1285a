package com.chirpchat.application.chat;

import java.time.Clock;
import java.util.List;

import com.chirpchat.application.account.LoadUserPort;
import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.ledger.AddMember;
import com.chirpchat.domain.ledger.Outcome;

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
        // read before the chat's lock (accounts are never deleted); the domain asks about rights first, so an
        // outsider learns nothing from the answer
        boolean hasAccount = !users.existing(List.of(command.userId())).isEmpty();
        Outcome.Accepted<Membership> added = ledger.apply(new AddMember(command.chatId(), command.actor(),
                new Membership(command.userId(), command.role()), hasAccount, clock.instant()), publisher::publishCommitted);
        return added.result();
    }
}
