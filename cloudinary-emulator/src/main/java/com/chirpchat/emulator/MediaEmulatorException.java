package com.chirpchat.emulator;

/** The emulator could not be configured or started. */
public final class MediaEmulatorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MediaEmulatorException(String message) {
        super(message);
    }

    public MediaEmulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
