package com.chirpchat.domain.ledger;

import java.util.Objects;

import com.chirpchat.domain.common.Decision;
import com.chirpchat.domain.common.Reason;
import com.chirpchat.domain.common.RuleViolationException;

/**
 * A decision on one change: accepted, with what the caller hears, the state after it and what storage must write
 * (nothing, for a repeat); or rejected, leaving the state as it was.
 */
public sealed interface Outcome<R> {

    record Accepted<R>(R result, ChatState after, ChatChanges changes) implements Outcome<R> {
        public Accepted {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(changes, "changes");
        }
    }

    record Rejected<R>(Reason reason, String detail) implements Outcome<R> {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    static <R> Outcome<R> rejected(Decision.Rejected refusal) {
        return new Rejected<>(refusal.reason(), refusal.detail());
    }

    static <R> Outcome<R> rejected(Reason reason, String detail) {
        return new Rejected<>(reason, detail);
    }

    /** Accepted without changing anything: a repeat, or nothing to do. */
    static <R> Outcome<R> unchanged(ChatState state, R result) {
        return new Accepted<>(result, state, ChatChanges.NONE);
    }

    /** The accepted decision; a rejection is thrown as the {@link RuleViolationException} it is. */
    default Accepted<R> orThrow() {
        return switch (this) {
            case Accepted<R> accepted -> accepted;
            case Rejected<R> rejected -> throw new RuleViolationException(rejected.reason(), rejected.detail());
        };
    }
}
