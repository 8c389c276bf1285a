package com.chirpchat.application.ledger;

import java.lang.System.Logger.Level;
import java.util.function.Consumer;

import com.chirpchat.domain.ledger.Outcome;

/** Calls a {@link ChangeChatPort} caller's {@code committed} hook: what it throws is logged, never passed on. */
public final class Committed {
    private static final System.Logger LOG = System.getLogger(Committed.class.getName());

    private Committed() {
    }

    public static <R> void tell(Consumer<? super Outcome.Accepted<R>> committed, Outcome.Accepted<R> accepted) {
        try {
            committed.accept(accepted);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "what was to follow a committed change failed (the change is stored)", e);
        }
    }
}
