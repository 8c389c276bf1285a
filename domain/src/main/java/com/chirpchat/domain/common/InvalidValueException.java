package com.chirpchat.domain.common;

/** A value that breaks the rules of its type, such as a username with a space in it. */
public final class InvalidValueException extends DomainException {
    private final String field;

    public InvalidValueException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** Name of the offending field, as a client would write it. */
    public String field() {
        return field;
    }
}
