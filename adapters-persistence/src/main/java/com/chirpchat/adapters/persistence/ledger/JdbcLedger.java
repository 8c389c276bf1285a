package com.chirpchat.adapters.persistence.ledger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.chirpchat.adapters.persistence.chat.Members;
import com.chirpchat.adapters.persistence.db.InList;
import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.adapters.persistence.message.MessageRepository;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.chat.Role;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.ledger.ChatChanges;
import com.chirpchat.domain.ledger.ChatState;
import com.chirpchat.domain.ledger.Concerns;
import com.chirpchat.domain.ledger.Outcome;
import com.chirpchat.domain.message.ClientKey;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.user.UserId;

/**
 * Chat changes as database transactions: lock, load, let the domain decide, store. The chat's row is locked first
 * ({@code SELECT ... FOR UPDATE}, the same in PostgreSQL and H2), so changes to one chat run one after another,
 * each seeing the last one's {@code last_seq}: sequence numbers come out gap-free in commit order, across every
 * server instance sharing the database. Changes to different chats do not wait for each other.
 * <p>
 * Several changes to one chat can share a transaction ({@link #changeAll}): one lock, one load of everything they
 * concern together, each decided on the state its predecessors left, their rows and events stored together, one seq
 * bump, one commit.
 */
public final class JdbcLedger implements ChangeChatPort {
    private static final String LOCK = "SELECT last_seq FROM chats WHERE id = CAST(:chat AS UUID) FOR UPDATE";
    /**
     * Beyond this many members concerned, their roles are read in a statement of their own after the lock rather
     * than inside it (a statement per count is kept; a batch rarely concerns more than a few authors).
     */
    static final int MEMBERS_IN_LOCK = 32;

    private final Sql sql;
    private final StateLoader loader;
    private final MessageRepository messages;

    public JdbcLedger(Sql sql) {
        this.sql = sql;
        this.loader = new StateLoader(sql);
        this.messages = new MessageRepository(sql);
    }

    /** One change of a batch: what it concerns and how it is decided. */
    public record Change<R>(Concerns concerns, Function<ChatState, Outcome.Accepted<R>> decide) {
    }

    /** What became of one change of a batch: its stored decision, or what its decision threw (it stored nothing). */
    public record Decided(Optional<Outcome.Accepted<?>> accepted, Optional<RuntimeException> failure) {
        static Decided of(Outcome.Accepted<?> accepted) {
            return new Decided(Optional.of(accepted), Optional.empty());
        }

        static Decided failed(RuntimeException failure) {
            return new Decided(Optional.empty(), Optional.of(failure));
        }
    }

    /**
     * A decision handed back a state that is not the one its changes leave (its seq behind its events, or the very
     * state it was given although it changes something; only decisions built by hand do that): what follows it in the
     * batch cannot be decided on it, so the batch is stored change by change instead.
     */
    static final class Unbatchable extends RuntimeException {
        Unbatchable(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public <R> Outcome.Accepted<R> change(ChatId chatId, Concerns concerns, Function<ChatState, Outcome.Accepted<R>> decide) {
        Decided decided = changeAll(chatId, List.of(new Change<>(concerns, decide))).getFirst();
        if (decided.failure().isPresent()) {
            throw decided.failure().get();
        }
        @SuppressWarnings("unchecked")
        Outcome.Accepted<R> accepted = (Outcome.Accepted<R>) decided.accepted().orElseThrow();
        return accepted;
    }

    /**
     * The changes, in list order, in one transaction holding the chat's lock. A change whose decision throws (a
     * rejection, above all) fails alone: the state stays as its predecessor left it and the others go on. When the
     * transaction fails (the chat is unknown, the lock or the database is not to be had, the store refuses a
     * contradiction), nothing is stored and the failure is thrown.
     */
    public List<Decided> changeAll(ChatId chatId, List<? extends Change<?>> changes) {
        Concerns concerns = concernsOf(changes);
        return sql.inTransaction(() -> {
            Locked locked = lock(chatId, concerns.members());
            long lastSeq = locked.lastSeq();
            ChatState state = loader.load(chatId, lastSeq, concerns, locked.roles(), Optional.empty());
            Decisions decisions = decide(state, changes, false);
            ChangeWriter.store(sql, chatId, lastSeq, decisions.all());
            return decisions.decided();
        });
    }

    /** The changes to one chat in a transaction across chats ({@link #changeAcross}). */
    public record ChatBatch(ChatId chatId, List<? extends Change<?>> changes) {
        public ChatBatch {
            changes = List.copyOf(changes);
        }
    }

    /**
     * What a transaction across chats did: each stored chat's decisions (in its batch's order), and the chats it
     * left alone because another transaction holds their row (or there is no such chat): nothing of theirs was
     * tried, they are for a transaction of their own.
     */
    public record Across(Map<ChatId, List<Decided>> stored, List<ChatId> skipped) {
    }

    /**
     * Several chats' batches in one transaction. The chats' rows are locked in one statement, in id order and
     * passing over rows another transaction holds ({@code FOR UPDATE SKIP LOCKED}): it never waits for a lock, so
     * it can take part in no deadlock, and the chats it passed over are handed back untried. Then, for the locked
     * chats together: one read of the concerned members' roles (under the locks, so current), one lookup of every
     * client key, the rest of what the changes concern chat by chat (rare: counts, messages, uploads,
     * notifications); each chat's changes decided in order on its own state as in {@link #changeAll}; one
     * multi-row insert of the chats' new messages, one of their events, one seq bump. Each chat's seqs follow
     * its locked {@code last_seq} without gaps. When the transaction fails, nothing is stored and the failure is
     * thrown (the caller stores the chats one by one then).
     */
    public Across changeAcross(List<ChatBatch> batches) {
        Map<ChatId, ChatBatch> byChat = new LinkedHashMap<>();
        for (ChatBatch batch : batches) {
            if (byChat.put(batch.chatId(), batch) != null) {
                throw new IllegalArgumentException("chat " + batch.chatId() + " twice in one transaction");
            }
        }
        return sql.inTransaction(() -> {
            Map<ChatId, Long> locked = lockAll(byChat.keySet());
            List<ChatId> skipped = byChat.keySet().stream().filter(id -> !locked.containsKey(id)).toList();
            Map<ChatId, Concerns> concerns = new LinkedHashMap<>();
            for (ChatId chatId : byChat.keySet()) {
                if (locked.containsKey(chatId)) {
                    concerns.put(chatId, concernsOf(byChat.get(chatId).changes()));
                }
            }
            Map<ChatId, Map<UserId, Role>> roles = Members.rolesAcross(sql, mapValues(concerns, Concerns::members));
            Map<ChatId, Map<ClientKey, Message>> byKey = messages.byClientKeysAcross(mapValues(concerns, Concerns::clientKeys));
            Map<ChatId, List<Decided>> stored = new LinkedHashMap<>();
            List<ChangeWriter.ChatStore> stores = new ArrayList<>();
            for (Map.Entry<ChatId, Concerns> chat : concerns.entrySet()) {
                ChatId chatId = chat.getKey();
                long lastSeq = locked.get(chatId);
                ChatState state = loader.load(chatId, lastSeq, chat.getValue(), Optional.of(roles.getOrDefault(chatId, Map.of())),
                                              Optional.of(byKey.getOrDefault(chatId, Map.of())));
                Decisions decisions = decide(state, byChat.get(chatId).changes(), true);
                stored.put(chatId, decisions.decided());
                stores.add(new ChangeWriter.ChatStore(chatId, lastSeq, decisions.all()));
            }
            ChangeWriter.storeAcross(sql, stores);
            return new Across(stored, skipped);
        });
    }

    private static Concerns concernsOf(List<? extends Change<?>> changes) {
        return changes.stream().map(Change::concerns).reduce(Concerns.NONE, Concerns::and);
    }

    private static <V> Map<ChatId, V> mapValues(Map<ChatId, Concerns> concerns, Function<Concerns, V> value) {
        Map<ChatId, V> mapped = new LinkedHashMap<>();
        concerns.forEach((chat, c) -> mapped.put(chat, value.apply(c)));
        return mapped;
    }

    /** A chat's decisions in order, and the changes the accepted ones add up to. */
    private record Decisions(List<Decided> decided, ChatChanges all) {
    }

    /**
     * Decides the changes in order, each on the state its predecessor left. A decision that throws fails that change
     * alone; alone in a transaction of its own ({@code across} false) an argument its state refuses fails the
     * transaction, as a single change always did.
     */
    private static Decisions decide(ChatState start, List<? extends Change<?>> changes, boolean across) {
        ChatState state = start;
        ChatChanges all = ChatChanges.NONE;
        List<Decided> decided = new ArrayList<>(changes.size());
        for (Change<?> change : changes) {
            Outcome.Accepted<?> accepted;
            ChatChanges together;
            try {
                accepted = change.decide().apply(state);
                together = all.then(accepted.changes());
            } catch (IllegalArgumentException e) {
                if (changes.size() == 1) {
                    if (!across) {
                        throw e;
                    }
                    decided.add(Decided.failed(e));
                    continue;
                }
                decided.add(Decided.failed(new IllegalStateException("a change does not follow its batch: " + e.getMessage(), e)));
                continue;
            } catch (RuntimeException e) {
                decided.add(Decided.failed(e));
                continue;
            }
            long leftAt = accepted.changes().lastEvent().map(ChatEvent::seq).orElse(state.lastSeq());
            if (changes.size() > 1 && (accepted.after().lastSeq() != leftAt
                                       || accepted.after() == state && !accepted.changes().isEmpty())) {
                // the domain's decisions always hand back the state they leave; one built by hand may not
                throw new Unbatchable("a decision's state is not the one its changes leave");
            }
            state = accepted.after();
            all = together;
            decided.add(Decided.of(accepted));
        }
        return new Decisions(decided, all);
    }

    /**
     * Locks those of the chats' rows no other transaction holds, in one statement, in id order; their last seqs.
     * A chat missing from the answer is held elsewhere or does not exist.
     */
    private Map<ChatId, Long> lockAll(Collection<ChatId> chats) {
        Params params = Params.none();
        String in = InList.of("k", chats, p -> "CAST(" + p + " AS UUID)", ChatId::value, params);
        Map<ChatId, Long> locked = new HashMap<>();
        sql.list("lock-chats", "SELECT id, last_seq FROM chats WHERE id IN " + in + " ORDER BY id FOR UPDATE SKIP LOCKED", params,
                 row -> Map.entry(new ChatId(Rows.uuid(row, "id")), Rows.longValue(row, "last_seq")))
                .forEach(e -> locked.put(e.getKey(), e.getValue()));
        return locked;
    }

    /** The chat's last seq under this transaction's lock and, when provably current, the members' roles read with it. */
    private record Locked(long lastSeq, Optional<Map<UserId, Role>> roles) {
    }

    /**
     * Locks the chat's row and, in the same statement, reads the concerned members' roles, saving the round trip of
     * reading them after the lock. Those roles are current only if nothing changed the chat between the statement's
     * snapshot and the moment it got the lock: on PostgreSQL (read committed) a {@code FOR UPDATE} that waited for
     * another transaction returns the locked row as that one committed it, but reads every other row (the members')
     * as of the statement's start. So the statement also reads the chat's last seq through the snapshot
     * ({@code seen_seq}, a subquery that takes no lock): every change to a chat's members commits with a seq bump
     * under this same lock, so when the snapshot's seq is the locked one nobody changed the chat in between and
     * the roles are the current ones. Otherwise (the lock was taken over from a change that just committed) they
     * are read again, now under the lock, by the loader.
     */
    private Locked lock(ChatId chatId, Set<UserId> members) {
        if (members.isEmpty() || members.size() > MEMBERS_IN_LOCK) {
            long lastSeq = sql.one("lock-chat", LOCK, Params.of("chat", chatId.value()), row -> Rows.longValue(row, "last_seq"))
                    .orElseThrow(() -> UseCaseException.notFound("no chat " + chatId));
            return new Locked(lastSeq, Optional.empty());
        }
        List<UserId> users = List.copyOf(members);
        Params params = Params.of("chat", chatId.value());
        StringBuilder statement = new StringBuilder("SELECT c.last_seq, (SELECT s.last_seq FROM chats s WHERE s.id = c.id) AS seen_seq");
        for (int i = 0; i < users.size(); i++) {
            statement.append(", (SELECT m.role FROM chat_members m WHERE m.chat_id = c.id AND m.user_id = CAST(:u").append(i)
                    .append(" AS UUID)) AS role_").append(i);
            params.and("u" + i, users.get(i).value());
        }
        statement.append(" FROM chats c WHERE c.id = CAST(:chat AS UUID) FOR UPDATE");
        return sql.one("lock-chat-with-members", statement.toString(), params, row -> {
            long lastSeq = Rows.longValue(row, "last_seq");
            if (Rows.longValue(row, "seen_seq") != lastSeq) {
                return new Locked(lastSeq, Optional.empty());
            }
            Map<UserId, Role> roles = new HashMap<>();
            for (int i = 0; i < users.size(); i++) {
                UserId user = users.get(i);
                Rows.optionalString(row, "role_" + i).ifPresent(role -> roles.put(user, Role.parse(role)));
            }
            return new Locked(lastSeq, Optional.of(roles));
        }).orElseThrow(() -> UseCaseException.notFound("no chat " + chatId));
    }
}
