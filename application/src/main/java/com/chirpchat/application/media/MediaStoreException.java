package com.chirpchat.application.media;

/** The media store failed or could not be reached; the operation may succeed if tried again. */
public class MediaStoreException extends RuntimeException {
    public MediaStoreException(String message) {
        super(message);
    }

    public MediaStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
