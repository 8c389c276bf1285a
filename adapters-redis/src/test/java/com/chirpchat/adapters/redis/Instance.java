package com.chirpchat.adapters.redis;

import java.time.Clock;

import com.chirpchat.application.account.RegisterUserCommand;
import com.chirpchat.application.account.RegisterUserService;
import com.chirpchat.application.chat.AddMemberCommand;
import com.chirpchat.application.chat.AddMemberService;
import com.chirpchat.application.chat.CreateChatCommand;
import com.chirpchat.application.chat.CreateChatService;
import com.chirpchat.application.chat.RemoveMemberService;
import com.chirpchat.application.common.IdGenerator;
import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.event.LiveEventRouter;
import com.chirpchat.application.fakes.FakePasswordHasher;
import com.chirpchat.application.fakes.InMemoryStore;
import com.chirpchat.application.fakes.RecordingSink;
import com.chirpchat.application.message.PostMessageCommand;
import com.chirpchat.application.message.PostMessageService;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.user.User;

/** One server instance as bootstrap wires it, on shared storage, with a Redis fanout and the real router. */
final class Instance implements AutoCloseable {
    final RedisFanout fanout;
    final LiveEventRouter router;
    private final RegisterUserService register;
    private final CreateChatService createChat;
    private final AddMemberService addMember;
    private final RemoveMemberService removeMember;
    private final PostMessageService postMessage;

    Instance(InMemoryStore store, RedisFanoutSettings settings) {
        Clock clock = Clock.systemUTC();
        IdGenerator ids = IdGenerator.random();
        fanout = RedisFanout.create(settings);
        router = LiveEventRouter.create(fanout, store, store, store);
        EventPublisher publisher = new EventPublisher(fanout);
        register = new RegisterUserService(store, store, new FakePasswordHasher(), ids, clock);
        createChat = new CreateChatService(store, store, publisher, ids, clock);
        addMember = new AddMemberService(store, store, publisher, clock);
        removeMember = new RemoveMemberService(store, publisher, clock);
        postMessage = new PostMessageService(store, publisher, ids, clock);
    }

    User user(String name) {
        return register.register(RegisterUserCommand.of(name, "password-" + name, null));
    }

    Chat chat(User owner, User... members) {
        return createChat.create(CreateChatCommand.of(owner.id(), "chat",
                                                      java.util.Arrays.stream(members).map(User::id).toList()));
    }

    RecordingSink connect(User user) {
        RecordingSink sink = new RecordingSink(user.id());
        router.subscribe(sink);
        return sink;
    }

    void post(User author, Chat chat, String text) {
        postMessage.post(PostMessageCommand.of(author.id(), chat.id(), text, null));
    }

    void add(User actor, Chat chat, User member) {
        addMember.add(new AddMemberCommand(actor.id(), chat.id(), member.id(), Role.MEMBER));
    }

    void remove(User actor, Chat chat, User member) {
        removeMember.remove(actor.id(), chat.id(), member.id());
    }

    @Override
    public void close() {
        fanout.close();
    }
}
