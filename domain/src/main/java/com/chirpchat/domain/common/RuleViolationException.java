package com.chirpchat.domain.common;

/** A domain rule rejected an action; {@link #reason()} says which kind of refusal it is. */
public final class RuleViolationException extends DomainException {
    private final Reason reason;

    public RuleViolationException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
