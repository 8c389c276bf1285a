package com.chirpchat.domain.common;

/** Base of the domain's unchecked exceptions. */
public abstract class DomainException extends RuntimeException {
    protected DomainException(String message) {
        super(message);
    }
}
