package com.chirpchat.domain.media;

import java.util.Locale;

import com.chirpchat.domain.common.InvalidValueException;

/** The kinds of media a message can carry. */
public enum ResourceType {
    IMAGE, VIDEO, AUDIO, RAW;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ResourceType parse(String value) {
        if (value != null) {
            for (ResourceType type : values()) {
                if (type.wireName().equals(value)) {
                    return type;
                }
            }
        }
        throw new InvalidValueException("resourceType", "must be one of image, video, audio, raw");
    }
}
