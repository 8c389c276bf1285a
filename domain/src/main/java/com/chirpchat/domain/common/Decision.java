package com.chirpchat.domain.common;

/** What a rule says about an action: allowed, or rejected with a reason. */
public sealed interface Decision {

    Decision ALLOWED = new Allowed();

    static Decision allowed() {
        return ALLOWED;
    }

    static Decision rejected(Reason reason, String detail) {
        return new Rejected(reason, detail);
    }

    default boolean isAllowed() {
        return this instanceof Allowed;
    }

    /** Continues when allowed, throws {@link RuleViolationException} when rejected. */
    default void orThrow() {
        if (this instanceof Rejected rejected) {
            throw new RuleViolationException(rejected.reason(), rejected.detail());
        }
    }

    /** Combines two decisions: the first rejection wins. */
    default Decision and(java.util.function.Supplier<Decision> next) {
        return isAllowed() ? next.get() : this;
    }

    record Allowed() implements Decision {
    }

    record Rejected(Reason reason, String detail) implements Decision {
    }
}
