package com.chirpchat.emulator.transform;

/** A transformation the emulator cannot parse or does not support; the message is Cloudinary-style. */
public final class TransformationException extends Exception {

    private static final long serialVersionUID = 1L;

    public TransformationException(String message) {
        super(message);
    }
}
