package com.chirpchat.application.fakes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.chirpchat.application.access.ChatAccess;
import com.chirpchat.application.account.AuthenticateService;
import com.chirpchat.application.account.RegisterUserCommand;
import com.chirpchat.application.account.RevokedSessions;
import com.chirpchat.application.account.SessionService;
import com.chirpchat.application.account.RegisterUserService;
import com.chirpchat.application.chat.AddMemberService;
import com.chirpchat.application.chat.ChangeMemberRoleService;
import com.chirpchat.application.chat.CreateChatCommand;
import com.chirpchat.application.chat.CreateChatService;
import com.chirpchat.application.chat.RemoveMemberService;
import com.chirpchat.application.chat.ViewChatsService;
import com.chirpchat.application.common.IdGenerator;
import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.event.ListChatEventsService;
import com.chirpchat.application.media.HandleMediaNotificationService;
import com.chirpchat.application.media.RequestUploadService;
import com.chirpchat.application.media.ViewMediaService;
import com.chirpchat.application.message.DeleteMessageService;
import com.chirpchat.application.message.ListMessagesService;
import com.chirpchat.application.message.PostMessageService;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.media.MediaLimits;
import com.chirpchat.domain.user.User;
import com.chirpchat.domain.user.UserId;

/** The application's services wired to fakes, as bootstrap wires them to adapters. */
public final class TestApp {
    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    public final InMemoryStore store = new InMemoryStore();
    public final RecordingFanout fanout = new RecordingFanout();
    public final FakePasswordHasher hasher = new FakePasswordHasher();
    public final FakeAccessTokens tokens = new FakeAccessTokens(clock);
    public final InMemorySessions sessionStore = new InMemorySessions();
    public final RevokedSessions revoked = new RevokedSessions(sessionStore, clock, tokens.lifetime());
    public final EventPublisher publisher = new EventPublisher(fanout);
    public final ChatAccess access = new ChatAccess(store);
    public final IdGenerator ids = IdGenerator.random();
    public final FakeMediaStore media = new FakeMediaStore(clock);
    public final MediaLimits limits = MediaLimits.defaults();

    public final SessionService sessions =
            new SessionService(sessionStore, tokens, revoked, ids, clock, Duration.ofDays(30));
    public final AuthenticateService authenticate = new AuthenticateService(tokens, store, revoked, clock);
    public final RegisterUserService register = new RegisterUserService(store, store, hasher, ids, clock);
    public final CreateChatService createChat = new CreateChatService(store, store, publisher, ids, clock);
    public final ViewChatsService viewChats = new ViewChatsService(store);
    public final AddMemberService addMember = new AddMemberService(store, store, publisher, clock);
    public final ChangeMemberRoleService changeRole = new ChangeMemberRoleService(store, publisher, clock);
    public final RemoveMemberService removeMember = new RemoveMemberService(store, publisher, clock);
    public final PostMessageService postMessage = new PostMessageService(store, publisher, ids, clock);
    public final ListMessagesService listMessages = new ListMessagesService(access, store);
    public final DeleteMessageService deleteMessage = new DeleteMessageService(store, store, publisher, clock);
    public final ListChatEventsService listEvents = new ListChatEventsService(access, store);
    public final RequestUploadService requestUpload = new RequestUploadService(store, media, limits, publisher, ids, clock);
    public final HandleMediaNotificationService handleNotification =
            new HandleMediaNotificationService(media, store, limits, publisher, clock);
    public final ViewMediaService viewMedia = new ViewMediaService(store, access, media, Duration.ofMinutes(5));

    private int users;

    /** A new session's access token for the user. */
    public String token(User user) {
        return sessions.start(user.id()).access().token();
    }

    public User user(String name) {
        return register.register(RegisterUserCommand.of(name + "_" + (++users), "password-" + name, null));
    }

    public Chat chat(User owner, User... members) {
        List<UserId> ids = java.util.Arrays.stream(members).map(User::id).toList();
        return createChat.create(CreateChatCommand.of(owner.id(), "chat", ids));
    }
}
