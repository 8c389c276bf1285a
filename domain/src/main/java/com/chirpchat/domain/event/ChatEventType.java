package com.chirpchat.domain.event;

import java.util.Locale;

/** The kinds of chat events, named on the wire in snake_case. */
public enum ChatEventType {
    MESSAGE_CREATED, MESSAGE_DELETED, MEDIA_PROCESSED, MEDIA_FAILED, MEMBER_ADDED, MEMBER_REMOVED, MEMBER_ROLE_CHANGED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChatEventType parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
