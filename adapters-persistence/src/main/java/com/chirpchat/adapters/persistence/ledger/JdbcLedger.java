package com.chirpchat.adapters.persistence.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.chirpchat.adapters.persistence.db.Params;
import com.chirpchat.adapters.persistence.db.Rows;
import com.chirpchat.adapters.persistence.db.Sql;
import com.chirpchat.application.common.UseCaseException;
import com.chirpchat.application.ledger.ChangeChatPort;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.ledger.ChatChanges;
import com.chirpchat.domain.ledger.ChatState;
import com.chirpchat.domain.ledger.Concerns;
import com.chirpchat.domain.ledger.Outcome;

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

    private final Sql sql;
    private final StateLoader loader;

    public JdbcLedger(Sql sql) {
        this.sql = sql;
        this.loader = new StateLoader(sql);
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
        Concerns concerns = changes.stream().map(Change::concerns).reduce(Concerns.NONE, Concerns::and);
        return sql.inTransaction(() -> {
            long lastSeq = sql.one("lock-chat", LOCK, Params.of("chat", chatId.value()), row -> Rows.longValue(row, "last_seq"))
                    .orElseThrow(() -> UseCaseException.notFound("no chat " + chatId));
            ChatState state = loader.load(chatId, lastSeq, concerns);
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
                        throw e;
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
            ChangeWriter.store(sql, chatId, lastSeq, all);
            return decided;
        });
    }
}
