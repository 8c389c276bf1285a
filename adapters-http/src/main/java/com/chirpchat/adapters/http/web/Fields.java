package com.chirpchat.adapters.http.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import com.chirpchat.adapters.http.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Typed access to the fields of a JSON body. Only JSON types are checked here (a detail names the field);
 * what values mean is checked by the domain's value objects.
 */
public final class Fields {
    private Fields() {
    }

    public static String requiredString(ObjectNode body, String field) {
        return optionalString(body, field).orElseThrow(() -> ProblemException.badRequest(field + ": is required"));
    }

    /** Absent or {@code null}: empty. */
    public static Optional<String> optionalString(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ProblemException.badRequest(field + ": must be a string");
        }
        return Optional.of(value.textValue());
    }

    /** An integer that fits a {@code long}; absent or {@code null}: empty. {@code 1.0} or {@code "1"} is a 400. */
    public static OptionalLong optionalLong(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return OptionalLong.empty();
        }
        if (!value.isIntegralNumber()) {
            throw ProblemException.badRequest(field + ": must be an integer");
        }
        if (!value.canConvertToLong()) {
            throw ProblemException.badRequest(field + ": is too large");
        }
        return OptionalLong.of(value.longValue());
    }

    /** An array of strings; absent or {@code null}: empty. */
    public static List<String> stringArray(ObjectNode body, String field, int maxItems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ProblemException.badRequest(field + ": must be an array of strings");
        }
        if (value.size() > maxItems) {
            throw ProblemException.badRequest(field + ": at most " + maxItems + " items");
        }
        List<String> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw ProblemException.badRequest(field + "[" + i + "]: must be a string");
            }
            items.add(item.textValue());
        }
        return items;
    }
}
