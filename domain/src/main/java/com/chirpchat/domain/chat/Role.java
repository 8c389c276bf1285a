package com.chirpchat.domain.chat;

import java.util.Locale;

import com.chirpchat.domain.common.InvalidValueException;

/** A member's role in a chat, from most to least powerful. */
public enum Role {
    OWNER, ADMIN, MEMBER;

    /** The lower-case name used on the wire and in storage. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String value) {
        if (value != null) {
            for (Role role : values()) {
                if (role.wireName().equals(value)) {
                    return role;
                }
            }
        }
        throw new InvalidValueException("role", "must be one of owner, admin, member");
    }

    /** Owners and admins manage membership and moderate messages. */
    public boolean manages() {
        return this == OWNER || this == ADMIN;
    }
}
