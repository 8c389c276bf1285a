package com.chirpchat.application.fakes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
import com.chirpchat.application.event.LoadChatHeadsPort;
import com.chirpchat.application.event.LoadChatPositionsPort;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.application.media.ForgetNotificationsPort;
import com.chirpchat.application.media.MediaDeletionQueuePort;
import com.chirpchat.application.media.MediaDeletionTask;
import com.chirpchat.application.message.LoadMessagePort;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.chat.Roster;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.ledger.ChatChanges;
import com.chirpchat.domain.ledger.ChatState;
import com.chirpchat.domain.ledger.ChatWrite;
import com.chirpchat.domain.ledger.Concerns;
import com.chirpchat.domain.ledger.FoundedChat;
import com.chirpchat.domain.ledger.Outcome;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.User;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.domain.user.Username;

/**
 * All storage out-ports in memory, for application tests. Like the database store it builds no event and checks
 * no rule: a change loads what it concerns, the domain decides, and what was decided is stored ({@link MemoryChat})
 * into a copy of the chat that replaces the original only when all of it went in — a transaction's all or
 * nothing. A lock per chat serialises changes like the database's row lock.
 */
public final class InMemoryStore implements LoadUserPort, CreateUserPort, LoadChatPort, CreateChatPort, ChangeChatPort,
        LoadMessagePort, LoadChatEventsPort, LoadChatPositionsPort, LoadChatHeadsPort, LoadMembershipPort,
        MediaDeletionQueuePort, ForgetNotificationsPort {

    private final Map<UserId, Credentials> users = new ConcurrentHashMap<>();
    private final Map<ChatId, MemoryChat> chats = new ConcurrentHashMap<>();
    private final Map<ChatId, Object> locks = new ConcurrentHashMap<>();
    private final Map<MessageId, ChatId> messageChats = new ConcurrentHashMap<>();
    private final Map<String, Instant> notifications = new ConcurrentHashMap<>();
    private final MemoryDeletionQueue deletions = new MemoryDeletionQueue();

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
    public void create(FoundedChat founded) {
        Chat chat = founded.chat();
        synchronized (locks.computeIfAbsent(chat.id(), id -> new Object())) {
            if (chats.containsKey(chat.id())) {
                throw new IllegalStateException("chat " + chat.id() + " exists");
            }
            commit(new MemoryChat(chat.id(), chat.title(), chat.createdAt()), founded.changes());
        }
    }

    @Override
    public Optional<Chat> chat(ChatId id) {
        return Optional.ofNullable(chats.get(id)).map(MemoryChat::toChat);
    }

    @Override
    public List<Chat> chatsOf(UserId userId) {
        return chats.values().stream()
                .filter(c -> c.roleOf(userId).isPresent())
                .sorted(Comparator.comparing((MemoryChat c) -> c.lastActivity).reversed())
                .map(MemoryChat::toChat)
                .toList();
    }

    @Override
    public Optional<Role> roleOf(ChatId chatId, UserId userId) {
        return Optional.ofNullable(chats.get(chatId)).flatMap(c -> c.roleOf(userId));
    }

    @Override
    public Optional<Roster> rosterFor(ChatId chatId, UserId userId) {
        return Optional.ofNullable(chats.get(chatId))
                .map(c -> Roster.of(List.of(userId), c.roleOf(userId).map(r -> Map.of(userId, r)).orElse(Map.of())));
    }

    @Override
    public List<ChatPosition> positionsOf(UserId userId) {
        return chats.values().stream().filter(c -> c.roleOf(userId).isPresent())
                .map(c -> new ChatPosition(c.id, c.lastSeq, c.joinedSeq(userId))).toList();
    }

    @Override
    public Map<ChatId, Long> lastSeqs(Collection<ChatId> wanted) {
        Map<ChatId, Long> heads = new HashMap<>();
        for (ChatId id : wanted) {
            MemoryChat chat = chats.get(id); // a committed chat is never changed, only replaced
            if (chat != null) {
                heads.put(id, chat.lastSeq);
            }
        }
        return heads;
    }

    @Override
    public <R> Outcome.Accepted<R> change(ChatId chatId, Concerns concerns, Function<ChatState, Outcome.Accepted<R>> decide) {
        synchronized (locks.computeIfAbsent(chatId, id -> new Object())) {
            MemoryChat original = chats.get(chatId);
            if (original == null) {
                throw UseCaseException.notFound("no chat " + chatId);
            }
            Outcome.Accepted<R> decided = decide.apply(original.state(concerns, notifications));
            commit(original.copy(), decided.changes());
            return decided;
        }
    }

    /** Stores the changes into {@code chat} (a copy) and, when all went in, makes it and what came with it current. */
    private void commit(MemoryChat chat, ChatChanges changes) {
        List<ChatWrite.QueueAssetDeletion> queued = new ArrayList<>();
        Map<String, Instant> handled = new HashMap<>();
        chat.store(changes, write -> {
            switch (write) {
                case ChatWrite.QueueAssetDeletion q -> queued.add(q);
                case ChatWrite.RecordNotification r -> handled.putIfAbsent(r.notificationId(), r.at());
                default -> throw new IllegalArgumentException(write.toString());
            }
        });
        synchronized (this) {
            // a notification recorded twice stays recorded once, as ON CONFLICT DO NOTHING keeps it
            handled.forEach(notifications::putIfAbsent);
            deletions.add(queued);
            chats.put(chat.id, chat);
        }
        for (ChatWrite write : changes.writes()) {
            if (write instanceof ChatWrite.InsertMessage insert) {
                messageChats.put(insert.message().id(), chat.id);
            }
        }
    }

    // ---- messages and events

    @Override
    public Optional<Message> message(MessageId id) {
        return Optional.ofNullable(messageChats.get(id)).map(chats::get).flatMap(c -> c.message(id));
    }

    @Override
    public List<Message> uploadsStartedBefore(Instant before, int limit) {
        return chats.values().stream()
                .flatMap(c -> c.messages().stream())
                .filter(m -> !m.deleted() && m.createdAt().isBefore(before)
                        && m.media().map(a -> a.status() == MediaStatus.UPLOADING).orElse(false))
                .sorted(Comparator.comparing(Message::createdAt))
                .limit(limit)
                .toList();
    }

    @Override
    public List<Message> messagesBefore(ChatId chatId, OptionalLong beforeSeq, int limit) {
        return Optional.ofNullable(chats.get(chatId)).map(c -> c.messages().stream()
                .filter(m -> beforeSeq.isEmpty() || m.seq() < beforeSeq.getAsLong())
                .sorted(Comparator.comparingLong(Message::seq).reversed())
                .limit(limit)
                .toList()).orElse(List.of());
    }

    @Override
    public List<ChatEvent> eventsAfter(ChatId chatId, long afterSeq, int limit) {
        return Optional.ofNullable(chats.get(chatId)).map(c -> c.eventsAfter(afterSeq, limit)).orElse(List.of());
    }

    @Override
    public int forgetNotificationsBefore(Instant cutoff) {
        int before = notifications.size();
        notifications.values().removeIf(at -> at.isBefore(cutoff));
        return before - notifications.size();
    }

    // ---- media deletion queue

    @Override
    public List<MediaDeletionTask> claimDue(Instant now, Duration lease, int max) {
        return deletions.claimDue(now, lease, max);
    }

    @Override
    public boolean renew(MediaDeletionTask task, Instant until) {
        return deletions.renew(task, until);
    }

    @Override
    public void completed(long taskId) {
        deletions.completed(taskId);
    }

    @Override
    public void retryLater(MediaDeletionTask task, Instant dueAt, String lastError) {
        deletions.retryLater(task, dueAt, lastError);
    }

    @Override
    public void deadLetter(MediaDeletionTask task, String lastError) {
        deletions.deadLetter(task, lastError);
    }

    @Override
    public Stats stats() {
        return deletions.stats();
    }

    /** Every queued deletion's asset key, dead or alive (for tests). */
    public List<String> queuedDeletions() {
        return deletions.keys();
    }
}
