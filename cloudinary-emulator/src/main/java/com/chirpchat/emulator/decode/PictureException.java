package com.chirpchat.emulator.decode;

/** A picture that cannot be decoded (corrupt, unsupported, too large); the message says why. */
public final class PictureException extends Exception {

    private static final long serialVersionUID = 1L;

    public PictureException(String message) {
        super(message);
    }

    public PictureException(String message, Throwable cause) {
        super(message, cause);
    }
}
