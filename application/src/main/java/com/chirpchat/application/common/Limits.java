package com.chirpchat.application.common;

import java.util.OptionalInt;

/** Page-size parameters: a default when absent, and a refusal outside the allowed range. */
public final class Limits {
    private Limits() {
    }

    public static int pageSize(OptionalInt requested, int defaultSize, int maxSize) {
        if (requested.isEmpty()) {
            return defaultSize;
        }
        int value = requested.getAsInt();
        if (value < 1 || value > maxSize) {
            throw UseCaseException.invalid("limit must be between 1 and " + maxSize);
        }
        return value;
    }
}
