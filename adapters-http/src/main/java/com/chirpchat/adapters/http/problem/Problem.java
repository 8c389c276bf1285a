package com.chirpchat.adapters.http.problem;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.chirpchat.wire.DomainJson;
import com.chirpchat.wire.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An RFC 9457 problem: what a client sees when a request fails. {@code code} is the stable machine string,
 * {@code type} is derived from it ({@code urn:chirpchat:problem:<code>}), {@code headers} are response headers the
 * problem needs (e.g. {@code Retry-After}, {@code WWW-Authenticate}, {@code Allow}).
 */
public record Problem(int status, String code, String detail, Map<String, String> headers) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:chirpchat:problem:";

    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        headers = Map.copyOf(headers);
    }

    public static Problem of(int status, String code, String detail) {
        return new Problem(status, code, detail, Map.of());
    }

    /** The same problem with one more response header. */
    public Problem withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Problem(status, code, detail, more);
    }

    public String type() {
        return TYPE_PREFIX + code;
    }

    /** A short, fixed summary per code: "validation_failed" reads "Validation failed". */
    public String title() {
        String words = code.replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("type", type());
        node.put("title", title());
        node.put("status", status);
        node.put("detail", detail);
        node.put("code", code);
        return node;
    }

    public String toJsonText() {
        return DomainJson.write(toJson());
    }
}
