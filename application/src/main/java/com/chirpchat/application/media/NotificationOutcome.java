package com.chirpchat.application.media;

/** What handling a media store notification did (all of them are acknowledged to the store). */
public enum NotificationOutcome {
    /** The media's state changed. */
    APPLIED,
    /** Nothing new: this notification, or what it says, was handled before. */
    ALREADY_KNOWN,
    /** No live message has this asset (deleted meanwhile: its deletion is queued again). */
    NO_SUCH_MEDIA,
    /** A kind of notification ChirpChat doesn't act on. */
    IGNORED
}
