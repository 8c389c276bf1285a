package com.chirpchat.adapters.http.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

import com.chirpchat.adapters.http.problem.ProblemException;
import com.chirpchat.wire.Json;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Reads JSON request bodies ourselves (bytes, then a tree) so that every way a body can be wrong - too big, not
 * JSON, malformed, not an object - is a client error with a clear detail, never a server error.
 */
public final class JsonBodies {
    private static final ObjectReader READER = Json.mapper().reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final int maxBytes;

    public JsonBodies(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** The body as a JSON object. */
    public ObjectNode object(ServerRequest req) {
        Optional<String> contentType = req.headers().first(HeaderNames.CONTENT_TYPE);
        if (contentType.isPresent() && !isJson(contentType.get())) {
            throw ProblemException.unsupportedMediaType("the request body must be application/json (UTF-8)");
        }
        byte[] bytes = read(req);
        if (bytes.length == 0) {
            throw ProblemException.badRequest("a JSON request body is required");
        }
        if (contentType.isEmpty()) {
            throw ProblemException.unsupportedMediaType("Content-Type: application/json is required");
        }
        StrictText.requireUtf8(bytes);
        JsonNode node;
        try {
            node = READER.readTree(bytes);
        } catch (JacksonException e) {
            throw ProblemException.badRequest("the request body is not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest("the request body must be a JSON object");
        }
        StrictText.requireNoLoneSurrogates(node);
        return (ObjectNode) node;
    }

    /**
     * The body's bytes exactly as they arrived, whatever its {@code Content-Type} (empty without a body), within
     * the same limit: for bodies that are verified before they are read, such as signed webhooks.
     */
    public byte[] raw(ServerRequest req) {
        return read(req);
    }

    private byte[] read(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw ProblemException.tooLarge(maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isJson(String contentType) {
        String[] parts = contentType.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param[0].strip().equalsIgnoreCase("charset") && param.length == 2
                    && !param[1].strip().replace("\"", "").equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        return true;
    }
}
