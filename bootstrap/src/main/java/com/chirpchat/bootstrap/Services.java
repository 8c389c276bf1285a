package com.chirpchat.bootstrap;

import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;

import com.chirpchat.application.access.ChatAccess;
import com.chirpchat.application.access.LoadMembershipPort;
import com.chirpchat.application.account.AccessTokenPort;
import com.chirpchat.application.account.AuthenticateService;
import com.chirpchat.application.account.CreateUserPort;
import com.chirpchat.application.account.LoadUserPort;
import com.chirpchat.application.account.LogInService;
import com.chirpchat.application.account.PasswordHasher;
import com.chirpchat.application.account.RegisterUserService;
import com.chirpchat.application.account.RevokedSessions;
import com.chirpchat.application.account.SessionService;
import com.chirpchat.application.account.SessionStorePort;
import com.chirpchat.application.account.ViewUsersService;
import com.chirpchat.application.chat.AddMemberService;
import com.chirpchat.application.chat.CreateChatPort;
import com.chirpchat.application.chat.CreateChatService;
import com.chirpchat.application.chat.LoadChatPort;
import com.chirpchat.application.chat.ChangeMemberRoleService;
import com.chirpchat.application.chat.RemoveMemberService;
import com.chirpchat.application.chat.ViewChatsService;
import com.chirpchat.application.common.IdGenerator;
import com.chirpchat.application.event.ChatEventFanout;
import com.chirpchat.application.event.EventPublisher;
import com.chirpchat.application.event.ListChatEventsService;
import com.chirpchat.application.event.LiveEventRouter;
import com.chirpchat.application.event.LoadChatEventsPort;
import com.chirpchat.application.event.LoadChatHeadsPort;
import com.chirpchat.application.event.LoadChatPositionsPort;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.application.media.ForgetNotificationsPort;
import com.chirpchat.application.media.HandleMediaNotificationService;
import com.chirpchat.application.media.MediaDeletionQueuePort;
import com.chirpchat.application.media.MediaDeletionWorker;
import com.chirpchat.application.media.MediaHousekeeping;
import com.chirpchat.application.media.MediaStore;
import com.chirpchat.application.media.RequestUploadService;
import com.chirpchat.application.media.ViewMediaService;
import com.chirpchat.application.message.DeleteMessageService;
import com.chirpchat.application.message.ListMessagesService;
import com.chirpchat.application.message.LoadMessagePort;
import com.chirpchat.application.message.PostMessageService;

/** Every use case, built by hand from the out-ports (no container: constructors are the wiring). */
record Services(RegisterUserService register,
                LogInService logIn,
                AuthenticateService authenticate,
                ViewUsersService viewUsers,
                CreateChatService createChat,
                ViewChatsService viewChats,
                AddMemberService addMember,
                RemoveMemberService removeMember,
                ChangeMemberRoleService changeRole,
                PostMessageService postMessage,
                ListMessagesService listMessages,
                DeleteMessageService deleteMessage,
                ListChatEventsService listEvents,
                LiveEventRouter router,
                RequestUploadService requestUpload,
                HandleMediaNotificationService mediaNotifications,
                ViewMediaService viewMedia,
                MediaDeletionWorker deletionWorker,
                MediaHousekeeping housekeeping,
                SessionService sessions,
                RevokedSessions revokedSessions) {

    /** A store implementing every storage port (the persistence adapter's is one object). */
    static <S extends LoadUserPort & CreateUserPort & LoadChatPort & CreateChatPort & ChangeChatPort & LoadMessagePort
            & LoadChatEventsPort & LoadChatPositionsPort & LoadChatHeadsPort & LoadMembershipPort & MediaDeletionQueuePort
            & ForgetNotificationsPort> Services wire(
            S store, SessionStorePort sessionStore, ChatEventFanout fanout, PasswordHasher hasher, AccessTokenPort tokens,
            Duration refreshLifetime, MediaStore media, MediaSettings mediaSettings, Limits limits, Clock clock) {
        IdGenerator ids = IdGenerator.random();
        EventPublisher publisher = new EventPublisher(fanout);
        ChatAccess access = new ChatAccess(store);
        RevokedSessions revoked = new RevokedSessions(sessionStore, clock, tokens.lifetime());
        SessionService sessions = new SessionService(sessionStore, tokens, revoked, ids, clock, refreshLifetime);
        return new Services(
                new RegisterUserService(store, store, hasher, ids, clock, limits.registration()),
                new LogInService(store, hasher, sessions, limits.login()),
                new AuthenticateService(tokens, store, revoked, clock),
                new ViewUsersService(store),
                new CreateChatService(store, store, publisher, ids, clock),
                new ViewChatsService(store),
                new AddMemberService(store, store, publisher, clock),
                new RemoveMemberService(store, publisher, clock),
                new ChangeMemberRoleService(store, publisher, clock),
                new PostMessageService(store, publisher, ids, clock, limits.quotas()),
                new ListMessagesService(access, store),
                new DeleteMessageService(store, store, publisher, clock),
                new ListChatEventsService(access, store),
                LiveEventRouter.create(fanout, store, store, store),
                new RequestUploadService(store, media, mediaSettings.limits(), publisher, ids, clock, limits.quotas()),
                new HandleMediaNotificationService(media, store, mediaSettings.limits(), publisher, clock),
                new ViewMediaService(store, access, media, mediaSettings.urlLifetime()),
                new MediaDeletionWorker(store, media, mediaSettings.deletionRetries(), clock, RandomGenerator.getDefault()),
                new MediaHousekeeping(store, store, store, publisher, clock, mediaSettings.uploadTimeout(),
                                      mediaSettings.notificationRetention()),
                sessions,
                revoked);
    }
}
