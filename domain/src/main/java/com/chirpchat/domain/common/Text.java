package com.chirpchat.domain.common;

/** Checks shared by the domain's text values. */
public final class Text {
    private Text() {
    }

    /** Length in Unicode code points, which is what a person counts as characters. */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /** True when the text holds control characters other than tab, newline and carriage return. */
    public static boolean hasControlCharacters(String value) {
        // ISO controls (U+0000-U+001F, U+007F-U+009F) are all in the BMP and no half of a surrogate pair is one, so
        // the chars can be looked at one by one: the same answer as over code points, without a stream per message
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return true;
            }
        }
        return false;
    }

    /** True when the text holds a UTF-16 surrogate that is not half of a pair (no character at all). */
    public static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Rejects null, blank and over-long text; returns it unchanged otherwise. */
    public static String require(String field, String value, int maxLength) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        if (value.isBlank()) {
            throw new InvalidValueException(field, "must not be blank");
        }
        if (length(value) > maxLength) {
            throw new InvalidValueException(field, "must be at most " + maxLength + " characters");
        }
        return value;
    }
}
