package com.chirpchat.emulator.transform;

/** A transformation that could not be produced (corrupt input, encoder failure, timeout); message suits a client. */
public final class ProcessingException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProcessingException(String message) {
        super(message);
    }

    public ProcessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
