package com.chirpchat.application.chat;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import com.chirpchat.application.account.LoadUserPort;
import com.chirpchat.application.common.IdGenerator;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.ledger.FoundedChat;
import com.chirpchat.domain.user.UserId;

public final class CreateChatService implements CreateChatUseCase {
    private final LoadUserPort users;
    private final CreateChatPort store;
    private final EventPublisher publisher;
    private final IdGenerator ids;
    private final Clock clock;

    public CreateChatService(LoadUserPort users, CreateChatPort store, EventPublisher publisher, IdGenerator ids, Clock clock) {
        this.users = users;
        this.store = store;
        this.publisher = publisher;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Chat create(CreateChatCommand command) {
        Set<UserId> wanted = new HashSet<>(command.memberIds());
        wanted.add(command.creator());
        Set<UserId> unknown = new HashSet<>(wanted);
        unknown.removeAll(users.existing(wanted));
        if (unknown.contains(command.creator())) {
            throw UseCaseException.unauthenticated("your account no longer exists");
        }
        if (!unknown.isEmpty()) {
            throw UseCaseException.invalid("memberIds: no such users " + unknown.stream().map(UserId::toString).sorted().toList());
        }
        FoundedChat founded = FoundedChat.found(new ChatId(ids.next()), command.title(), clock.instant(), command.creator(),
                                                command.memberIds());
        store.create(founded);
        publisher.publish(founded.changes().events());
        return founded.chat();
    }
}
