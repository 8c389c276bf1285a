package com.chirpchat.application.fakes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.chirpchat.application.access.LoadMembershipPort;
import com.chirpchat.application.account.CreateUserPort;
import com.chirpchat.application.account.LoadUserPort;
import com.chirpchat.application.chat.CreateChatPort;
import com.chirpchat.application.chat.LoadChatPort;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.event.ChatPosition;
import com.chirpchat.application.event.LoadChatEventsPort;
import com.chirpchat.application.event.LoadChatPositionsPort;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.application.ledger.ChatChange;
import com.chirpchat.application.ledger.NewMessage;
import com.chirpchat.application.media.ForgetNotificationsPort;
import com.chirpchat.application.media.MediaDeletionQueuePort;
import com.chirpchat.application.media.MediaDeletionTask;
import com.chirpchat.application.message.LoadMessagePort;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.ChatTitle;
import com.chirpchat.domain.chat.Membership;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.ClientMessageId;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.User;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.domain.user.Username;

/**
 * All storage out-ports in memory, for application tests. A change works on a copy of the chat that replaces
 * the original only when the work returns, which gives the all-or-nothing behaviour of a transaction; a lock
 * per chat serialises changes like the database's row lock.
 */
public final class InMemoryStore implements LoadUserPort, CreateUserPort, LoadChatPort, CreateChatPort, ChangeChatPort,
        LoadMessagePort, LoadChatEventsPort, LoadChatPositionsPort, LoadMembershipPort, MediaDeletionQueuePort,
        ForgetNotificationsPort {

    private final Map<UserId, Credentials> users = new ConcurrentHashMap<>();
    private final Map<ChatId, ChatState> chats = new ConcurrentHashMap<>();
    private final Map<ChatId, Object> locks = new ConcurrentHashMap<>();
    private final Map<MessageId, ChatId> messageChats = new ConcurrentHashMap<>();
    private final Map<String, Instant> notifications = new ConcurrentHashMap<>();
    private final Map<Long, DeletionTask> deletions = new LinkedHashMap<>();
    private long nextDeletionId = 1;

    // ---- users

    @Override
    public synchronized boolean create(User user, String passwordHash, Instant createdAt) {
        if (byUsername(user.username()).isPresent()) {
            return false;
        }
        users.put(user.id(), new Credentials(user, passwordHash));
        return true;
    }

    @Override
    public Optional<User> byId(UserId id) {
        return Optional.ofNullable(users.get(id)).map(Credentials::user);
    }

    @Override
    public Optional<User> byUsername(Username username) {
        return credentials(username).map(Credentials::user);
    }

    @Override
    public Optional<Credentials> credentials(Username username) {
        return users.values().stream().filter(c -> c.user().username().equals(username)).findFirst();
    }

    @Override
    public Set<UserId> existing(Collection<UserId> ids) {
        Set<UserId> found = new HashSet<>(ids);
        found.retainAll(users.keySet());
        return found;
    }

    // ---- chats

    @Override
    public CreatedChat create(NewChat chat) {
        ChatState state = new ChatState(chat.id(), chat.title(), chat.createdAt());
        List<ChatEvent> events = new ArrayList<>();
        for (Membership m : chat.members()) {
            state.members.put(m.userId(), m.role());
            events.add(state.emit(chat.createdAt(), new EventData.MemberAdded(m.userId(), m.role())));
        }
        chats.put(chat.id(), state);
        return new CreatedChat(state.toChat(), events);
    }

    @Override
    public Optional<Chat> chat(ChatId id) {
        return Optional.ofNullable(chats.get(id)).map(ChatState::toChat);
    }

    @Override
    public List<Chat> chatsOf(UserId userId) {
        return chats.values().stream()
                .filter(s -> s.members.containsKey(userId))
                .sorted(Comparator.comparing((ChatState s) -> s.lastActivity).reversed())
                .map(ChatState::toChat)
                .toList();
    }

    @Override
    public Optional<Role> roleOf(ChatId chatId, UserId userId) {
        return Optional.ofNullable(chats.get(chatId)).map(s -> s.members.get(userId));
    }

    @Override
    public boolean chatExists(ChatId chatId) {
        return chats.containsKey(chatId);
    }

    @Override
    public List<ChatPosition> positionsOf(UserId userId) {
        return chats.values().stream()
                .filter(s -> s.members.containsKey(userId))
                .map(s -> new ChatPosition(s.id, s.lastSeq))
                .toList();
    }

    @Override
    public <T> T change(ChatId chatId, Function<ChatChange, T> work) {
        synchronized (locks.computeIfAbsent(chatId, id -> new Object())) {
            ChatState original = chats.get(chatId);
            if (original == null) {
                throw UseCaseException.notFound("no chat " + chatId);
            }
            ChatState copy = original.copy();
            Change change = new Change(copy);
            T result;
            try {
                result = work.apply(change);
            } finally {
                change.open = false;
            }
            synchronized (this) {
                // commit: the chat, and what the change queued alongside it
                if (!Collections.disjoint(notifications.keySet(), change.notifications.keySet())) {
                    throw new IllegalStateException("notification recorded twice concurrently");
                }
                notifications.putAll(change.notifications);
                change.deletions.forEach(d -> deletions.put(nextDeletionId, new DeletionTask(nextDeletionId++, d.assetKey(), d.type(), d.dueAt())));
                chats.put(chatId, copy);
            }
            copy.messages.keySet().forEach(id -> messageChats.put(id, chatId));
            return result;
        }
    }

    // ---- messages and events

    @Override
    public Optional<Message> message(MessageId id) {
        return Optional.ofNullable(messageChats.get(id)).map(chats::get).map(s -> s.messages.get(id));
    }

    @Override
    public Optional<Message> messageByAssetKey(String assetKey) {
        return chats.values().stream()
                .flatMap(s -> s.messages.values().stream())
                .filter(m -> !m.deleted() && m.media().map(a -> a.assetKey().equals(assetKey)).orElse(false))
                .findFirst();
    }

    @Override
    public List<Message> uploadsStartedBefore(Instant before, int limit) {
        return chats.values().stream()
                .flatMap(s -> s.messages.values().stream())
                .filter(m -> !m.deleted() && m.createdAt().isBefore(before)
                        && m.media().map(a -> a.status() == MediaStatus.UPLOADING).orElse(false))
                .sorted(Comparator.comparing(Message::createdAt))
                .limit(limit)
                .toList();
    }

    @Override
    public int forgetNotificationsBefore(Instant cutoff) {
        int before = notifications.size();
        notifications.values().removeIf(at -> at.isBefore(cutoff));
        return before - notifications.size();
    }

    @Override
    public List<Message> messagesBefore(ChatId chatId, OptionalLong beforeSeq, int limit) {
        ChatState state = chats.get(chatId);
        if (state == null) {
            return List.of();
        }
        return state.messages.values().stream()
                .filter(m -> beforeSeq.isEmpty() || m.seq() < beforeSeq.getAsLong())
                .sorted(Comparator.comparingLong(Message::seq).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public List<ChatEvent> eventsAfter(ChatId chatId, long afterSeq, int limit) {
        ChatState state = chats.get(chatId);
        if (state == null) {
            return List.of();
        }
        return state.events.stream()
                .filter(e -> e.seq() > afterSeq)
                .limit(limit)
                .map(state::current)
                .toList();
    }

    // ---- media deletion queue

    @Override
    public synchronized List<MediaDeletionTask> claimDue(Instant now, Duration lease, int max) {
        List<MediaDeletionTask> claimed = new ArrayList<>();
        for (DeletionTask task : deletions.values()) {
            if (claimed.size() == max) {
                break;
            }
            if (!task.dead && !task.dueAt.isAfter(now) && (task.lockedUntil == null || !task.lockedUntil.isAfter(now))) {
                task.attempts++;
                task.lockedUntil = now.plus(lease);
                claimed.add(new MediaDeletionTask(task.id, task.assetKey, task.type, task.attempts));
            }
        }
        return claimed;
    }

    @Override
    public synchronized void completed(long taskId) {
        deletions.remove(taskId);
    }

    @Override
    public synchronized void retryLater(MediaDeletionTask claimed, Instant dueAt, String lastError) {
        DeletionTask task = deletions.get(claimed.id());
        if (task == null || task.attempts != claimed.attempts()) {
            return; // completed, or claimed again since
        }
        task.dueAt = dueAt;
        task.lockedUntil = null;
        task.lastError = lastError;
    }

    @Override
    public synchronized void deadLetter(MediaDeletionTask claimed, String lastError) {
        DeletionTask task = deletions.get(claimed.id());
        if (task == null || task.attempts != claimed.attempts()) {
            return;
        }
        task.dead = true;
        task.lockedUntil = null;
        task.lastError = lastError;
    }

    @Override
    public synchronized Stats stats() {
        long dead = deletions.values().stream().filter(t -> t.dead).count();
        return new Stats(deletions.size() - dead, dead);
    }

    /** Every queued deletion's asset key, dead or alive (for tests). */
    public synchronized List<String> queuedDeletions() {
        return deletions.values().stream().map(t -> t.assetKey).toList();
    }

    private static final class DeletionTask {
        private final long id;
        private final String assetKey;
        private final ResourceType type;
        private Instant dueAt;
        private Instant lockedUntil;
        private int attempts;
        private boolean dead;
        private String lastError;

        private DeletionTask(long id, String assetKey, ResourceType type, Instant dueAt) {
            this.id = id;
            this.assetKey = assetKey;
            this.type = type;
            this.dueAt = dueAt;
        }
    }

    private record QueuedDeletion(String assetKey, ResourceType type, Instant dueAt) {
    }

    private static final class ChatState {
        private final ChatId id;
        private final ChatTitle title;
        private final Instant createdAt;
        private final LinkedHashMap<UserId, Role> members = new LinkedHashMap<>();
        private final LinkedHashMap<MessageId, Message> messages = new LinkedHashMap<>();
        private final Map<String, MessageId> clientIds = new HashMap<>();
        private final List<ChatEvent> events = new ArrayList<>();
        private long lastSeq;
        private Instant lastActivity;

        private ChatState(ChatId id, ChatTitle title, Instant createdAt) {
            this.id = id;
            this.title = title;
            this.createdAt = createdAt;
            this.lastActivity = createdAt;
        }

        private ChatState copy() {
            ChatState copy = new ChatState(id, title, createdAt);
            copy.members.putAll(members);
            copy.messages.putAll(messages);
            copy.clientIds.putAll(clientIds);
            copy.events.addAll(events);
            copy.lastSeq = lastSeq;
            copy.lastActivity = lastActivity;
            return copy;
        }

        private Chat toChat() {
            List<Membership> list = members.entrySet().stream().map(e -> new Membership(e.getKey(), e.getValue())).toList();
            return new Chat(id, title, createdAt, list, lastSeq);
        }

        private ChatEvent emit(Instant at, EventData data) {
            ChatEvent event = new ChatEvent(id, ++lastSeq, at, data);
            events.add(event);
            lastActivity = at;
            return event;
        }

        /** The event with the message it carries in its current state. */
        private ChatEvent current(ChatEvent event) {
            EventData data = switch (event.data()) {
                case EventData.MessageCreated c -> new EventData.MessageCreated(messages.get(c.message().id()));
                case EventData.MediaProcessed p -> new EventData.MediaProcessed(messages.get(p.message().id()));
                case EventData.MediaFailed f -> new EventData.MediaFailed(messages.get(f.message().id()));
                default -> event.data();
            };
            return new ChatEvent(event.chatId(), event.seq(), event.at(), data);
        }
    }

    private static String clientKey(UserId author, ClientMessageId id) {
        return author + "/" + id.value();
    }

    private final class Change implements ChatChange {
        private final ChatState state;
        private final Map<String, Instant> notifications = new HashMap<>();
        private final List<QueuedDeletion> deletions = new ArrayList<>();
        private boolean open = true;

        private Change(ChatState state) {
            this.state = state;
        }

        private void requireOpen() {
            if (!open) {
                throw new IllegalStateException("the change is over");
            }
        }

        @Override
        public void updateMedia(MessageId id, MediaAsset asset) {
            requireOpen();
            state.messages.put(id, liveMedia(id).withMedia(asset));
        }

        @Override
        public ChatEvent settleMedia(MessageId id, MediaAsset asset, Instant at) {
            requireOpen();
            Message settled = liveMedia(id).withMedia(asset);
            EventData data = switch (asset.status()) {
                case READY -> new EventData.MediaProcessed(settled);
                case FAILED -> new EventData.MediaFailed(settled);
                default -> throw new IllegalStateException("media is not settled: " + asset.status());
            };
            state.messages.put(id, settled);
            return state.emit(at, data);
        }

        @Override
        public void scheduleMediaDeletion(String assetKey, ResourceType type, Instant at) {
            requireOpen();
            deletions.add(new QueuedDeletion(assetKey, type, at));
        }

        @Override
        public boolean recordNotification(String notificationId, Instant at) {
            requireOpen();
            return !InMemoryStore.this.notifications.containsKey(notificationId) && notifications.putIfAbsent(notificationId, at) == null;
        }

        private Message liveMedia(MessageId id) {
            Message message = state.messages.get(id);
            if (message == null || message.deleted() || message.media().isEmpty()) {
                throw new IllegalStateException("no live media message " + id);
            }
            return message;
        }

        @Override
        public ChatId chatId() {
            return state.id;
        }

        @Override
        public long lastSeq() {
            return state.lastSeq;
        }

        @Override
        public Optional<Role> roleOf(UserId userId) {
            return Optional.ofNullable(state.members.get(userId));
        }

        @Override
        public long ownerCount() {
            return state.members.values().stream().filter(r -> r == Role.OWNER).count();
        }

        @Override
        public long memberCount() {
            return state.members.size();
        }

        @Override
        public Optional<Message> message(MessageId id) {
            return Optional.ofNullable(state.messages.get(id));
        }

        @Override
        public Optional<Message> messageByClientId(UserId author, ClientMessageId clientMessageId) {
            return Optional.ofNullable(state.clientIds.get(clientKey(author, clientMessageId))).map(state.messages::get);
        }

        @Override
        public ChatEvent appendMessage(NewMessage m) {
            requireOpen();
            long seq = state.lastSeq + 1;
            Message message = new Message(m.id(), state.id, seq, m.authorId(), m.kind(), m.text(), m.createdAt(), false, m.media());
            m.clientMessageId().ifPresent(c -> {
                if (state.clientIds.putIfAbsent(clientKey(m.authorId(), c), m.id()) != null) {
                    throw new IllegalStateException("client message id already used");
                }
            });
            state.messages.put(m.id(), message);
            return state.emit(m.createdAt(), new EventData.MessageCreated(message));
        }

        @Override
        public ChatEvent addMember(Membership membership, Instant at) {
            if (state.members.putIfAbsent(membership.userId(), membership.role()) != null) {
                throw new IllegalStateException("already a member");
            }
            return state.emit(at, new EventData.MemberAdded(membership.userId(), membership.role()));
        }

        @Override
        public ChatEvent removeMember(UserId userId, Instant at) {
            Role role = state.members.remove(userId);
            if (role == null) {
                throw new IllegalStateException("not a member");
            }
            return state.emit(at, new EventData.MemberRemoved(userId, role));
        }

        @Override
        public ChatEvent deleteMessage(MessageId id, Instant at) {
            Message message = state.messages.get(id);
            if (message == null || message.deleted()) {
                throw new IllegalStateException("no live message " + id);
            }
            state.messages.put(id, message.tombstone());
            return state.emit(at, new EventData.MessageDeleted(id));
        }
    }
}
