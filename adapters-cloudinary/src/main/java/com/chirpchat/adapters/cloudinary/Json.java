package com.chirpchat.adapters.cloudinary;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** Lenient reads of notification fields: Cloudinary sends numbers, sometimes as strings. */
final class Json {

    private Json() {
    }

    /** A value field as text, lower-cased for formats; absent when missing, null or blank. */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isValueNode() && !v.isNull() && !v.asText().isBlank()
                ? Optional.of(v.asText()) : Optional.empty();
    }

    static Optional<String> lowerText(JsonNode node, String field) {
        return text(node, field).map(s -> s.toLowerCase(Locale.ROOT));
    }

    /** A number, also when sent as a string; absent when missing, negative or unreadable. */
    static Optional<Number> number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        Number n = null;
        if (v.isNumber()) {
            n = v.numberValue();
        } else if (v.isTextual()) {
            try {
                n = Double.valueOf(v.asText().trim());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return n == null || !(n.doubleValue() >= 0) || Double.isInfinite(n.doubleValue()) ? Optional.empty() : Optional.of(n);
    }
}
