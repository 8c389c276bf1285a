package com.chirpchat.adapters.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import com.chirpchat.adapters.persistence.chat.ChatHeads;
import com.chirpchat.adapters.persistence.chat.ChatRepository;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.adapters.persistence.event.EventLog;
import com.chirpchat.adapters.persistence.ledger.ChatCreation;
import com.chirpchat.adapters.persistence.ledger.ChatWriters;
import com.chirpchat.adapters.persistence.media.DeletionQueue;
import com.chirpchat.adapters.persistence.media.Notifications;
import com.chirpchat.adapters.persistence.message.MessageRepository;
import com.chirpchat.adapters.persistence.session.SessionRepository;
import com.chirpchat.adapters.persistence.user.UserRepository;
import com.chirpchat.application.access.LoadMembershipPort;
import com.chirpchat.application.account.CreateUserPort;
import com.chirpchat.application.account.LoadUserPort;
import com.chirpchat.application.account.SessionStorePort;
import com.chirpchat.application.chat.CreateChatPort;
import com.chirpchat.application.chat.LoadChatPort;
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
import com.chirpchat.domain.ledger.ChatState;
import com.chirpchat.domain.ledger.Concerns;
import com.chirpchat.domain.ledger.FoundedChat;
import com.chirpchat.domain.ledger.Outcome;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.user.User;
import com.chirpchat.domain.user.UserId;
import com.chirpchat.domain.user.Username;

/**
 * Every storage out-port in one object, so bootstrap wires a single store into all use cases. The work is done
 * by one class per concept; this only delegates. All of them share one {@link Sql}, so a port called inside a
 * chat change runs in that change's transaction.
 */
public final class JdbcStore implements LoadUserPort, CreateUserPort, LoadChatPort, CreateChatPort, ChangeChatPort,
        LoadMessagePort, LoadChatEventsPort, LoadChatPositionsPort, LoadChatHeadsPort, LoadMembershipPort,
        MediaDeletionQueuePort, ForgetNotificationsPort {

    private final UserRepository users;
    private final ChatRepository chats;
    private final ChatHeads heads;
    private final ChatCreation creation;
    private final ChatWriters writers;
    private final MessageRepository messages;
    private final EventLog events;
    private final DeletionQueue deletions;
    private final SessionRepository sessions;
    private final Sql sql;

    JdbcStore(Sql sql, ChatWriters writers) {
        this.sql = sql;
        this.writers = writers;
        this.users = new UserRepository(sql);
        this.chats = new ChatRepository(sql);
        this.heads = new ChatHeads(sql);
        this.creation = new ChatCreation(sql);
        this.messages = new MessageRepository(sql);
        this.events = new EventLog(sql);
        this.deletions = new DeletionQueue(sql);
        this.sessions = new SessionRepository(sql);
    }

    /** Login sessions and refresh tokens, on the same connections. */
    public SessionStorePort sessions() {
        return sessions;
    }

    @Override
    public boolean create(User user, String passwordHash, Instant createdAt) {
        return users.create(user, passwordHash, createdAt);
    }

    @Override
    public Optional<User> byId(UserId id) {
        return users.byId(id);
    }

    @Override
    public Optional<User> byUsername(Username username) {
        return users.byUsername(username);
    }

    @Override
    public Optional<Credentials> credentials(Username username) {
        return users.credentials(username);
    }

    @Override
    public Set<UserId> existing(Collection<UserId> ids) {
        return users.existing(ids);
    }

    @Override
    public void create(FoundedChat chat) {
        creation.create(chat);
    }

    @Override
    public Optional<Chat> chat(ChatId id) {
        return chats.chat(id);
    }

    @Override
    public List<Chat> chatsOf(UserId userId) {
        return chats.chatsOf(userId);
    }

    @Override
    public Optional<Role> roleOf(ChatId chatId, UserId userId) {
        return chats.roleOf(chatId, userId);
    }

    @Override
    public Optional<Roster> rosterFor(ChatId chatId, UserId userId) {
        return chats.rosterFor(chatId, userId);
    }

    @Override
    public List<ChatPosition> positionsOf(UserId userId) {
        return chats.positionsOf(userId);
    }

    @Override
    public Map<ChatId, Long> lastSeqs(Collection<ChatId> chatIds) {
        return heads.lastSeqs(chatIds);
    }

    @Override
    public <R> Outcome.Accepted<R> change(ChatId chatId, Concerns concerns, Function<ChatState, Outcome.Accepted<R>> decide) {
        return writers.change(chatId, concerns, decide);
    }

    /** {@code committed} runs on the chat's writer, for each change of a batch in commit order, before anyone is answered. */
    @Override
    public <R> Outcome.Accepted<R> change(ChatId chatId, Concerns concerns, Function<ChatState, Outcome.Accepted<R>> decide,
                                          Consumer<? super Outcome.Accepted<R>> committed) {
        return writers.change(chatId, concerns, decide, committed);
    }

    /** The group commit's counts (for tests). */
    ChatWriters.Stats writeStats() {
        return writers.stats();
    }

    /** Chats' batches the writers stored, alone or in a transaction across chats (metrics). */
    public long batches() {
        return writers.stats().batches();
    }

    /** Changes those transactions held (metrics): ÷ {@link #batches()} = the mean batch size. */
    public long batchedChanges() {
        return writers.stats().changes();
    }

    /** Batches stored change by change because the store refused one of their changes (metrics). */
    public long splitBatches() {
        return writers.stats().splitBatches();
    }

    /** Transactions across chats the writers stored (metrics). */
    public long crossTransactions() {
        return writers.stats().crossTransactions();
    }

    /** Chats' batches those transactions held (metrics): ÷ {@link #crossTransactions()} = chats per transaction. */
    public long crossChats() {
        return writers.stats().crossChats();
    }

    /** Chats a transaction across chats passed over because another instance held their lock (metrics). */
    public long crossSkippedChats() {
        return writers.stats().crossSkipped();
    }

    /** Transactions across chats stored chat by chat because the store refused one chat's changes (metrics). */
    public long crossSplits() {
        return writers.stats().crossSplits();
    }

    /** Chats waiting for a writer (for tests). */
    int readyChats() {
        return writers.readyChats();
    }

    /** Statements this store has run (for tests). */
    long statements() {
        return sql.statements();
    }

    /** Changes to the chat waiting for its writer (for tests). */
    int queuedChanges(ChatId chatId) {
        return writers.queued(chatId);
    }

    @Override
    public Optional<Message> message(MessageId id) {
        return messages.message(id);
    }

    @Override
    public List<Message> uploadsStartedBefore(Instant before, int limit) {
        return messages.uploadsStartedBefore(before, limit);
    }

    @Override
    public int forgetNotificationsBefore(Instant cutoff) {
        return Notifications.forgetBefore(sql, cutoff);
    }

    @Override
    public List<Message> messagesBefore(ChatId chatId, OptionalLong beforeSeq, int limit) {
        return messages.messagesBefore(chatId, beforeSeq, limit);
    }

    @Override
    public List<ChatEvent> eventsAfter(ChatId chatId, long afterSeq, int limit) {
        return events.eventsAfter(chatId, afterSeq, limit);
    }

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
}
