package com.chirpchat.application.media;

/** What handling a media store notification did (all of them are acknowledged to the store). */
public enum NotificationOutcome {
    /** The media's state changed. */
    APPLIED,
    /** Nothing new: this notification, or what it says, was handled before. */
    ALREADY_KNOWN,
    /** No live media message has this asset: not one of ours, or deleted (its file was queued for deletion with it). */
    NO_SUCH_MEDIA,
    /** A kind of notification ChirpChat doesn't act on. */
    IGNORED
}
