package com.chirpchat.adapters.http.ws;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Optional;

import com.chirpchat.wire.Json;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A message from a client: a JSON object with a string {@code type}; and the frames we send back. */
record ClientFrame(String type, JsonNode body) {
    /**
     * {@link Json#mapper()}'s factory (limits, features) with one shared pool of Jackson's buffers. Frames are read
     * and written on a connection's thread, which lives as long as the connection: Jackson's default pool keeps a
     * set of buffers (about 8 KB of char and byte arrays) per thread, so every idle connection would hold one for
     * good. Parsers and generators come from here; the shared mapper reads and writes the trees.
     */
    private static final JsonFactory JSON = Json.mapper().getFactory().copy()
            .setRecyclerPool(JsonRecyclerPools.sharedConcurrentDequePool());

    /** The frame, or empty when the text is not a JSON object with a string {@code type}. */
    static Optional<ClientFrame> parse(String text) {
        try {
            JsonNode node;
            try (JsonParser parser = JSON.createParser(text)) {
                node = Json.mapper().readTree(parser);
                if (parser.nextToken() != null) {
                    return Optional.empty(); // trailing tokens: not one JSON document
                }
            }
            if (node != null && node.isObject() && node.path("type").isTextual()) {
                return Optional.of(new ClientFrame(node.get("type").textValue(), node));
            }
        } catch (Exception e) {
            // not JSON: the caller answers with an error frame
        }
        return Optional.empty();
    }

    /** The token of an {@code {"type":"auth","token":"..."}} frame. */
    Optional<String> authToken() {
        JsonNode token = body.path("token");
        return "auth".equals(type) && token.isTextual() && !token.textValue().isEmpty()
                ? Optional.of(token.textValue())
                : Optional.empty();
    }

    boolean isAuth() {
        return "auth".equals(type);
    }

    /** The answer to this frame from an authenticated client. */
    String answer() {
        return switch (type) {
            case "ping" -> pong();
            default -> error("unknown_type", "unknown frame type; clients may send: ping, auth");
        };
    }

    /** The answer to text that is not a frame. */
    static String badFrame() {
        return error("bad_frame", "a frame must be a JSON object with a string \"type\"");
    }

    static String hello(String userId, String connectionId) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("type", "hello");
        node.put("userId", userId);
        node.put("connectionId", connectionId);
        return write(node);
    }

    static String reauthenticated(java.time.Instant expiresAt) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("type", "reauthenticated");
        node.put("expiresAt", expiresAt.toString());
        return write(node);
    }

    static String pong() {
        return "{\"type\":\"pong\"}";
    }

    static String error(String code, String detail) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("type", "error");
        node.put("code", code);
        node.put("detail", detail);
        return write(node);
    }

    private static String write(ObjectNode node) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(text)) {
            Json.mapper().writeTree(generator, node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        return text.toString();
    }

    /** UTF-8 length of a string without encoding it. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
