package com.chirpchat.emulator.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Reads API parameters from the query string and from a multipart, urlencoded or JSON body, the way Cloudinary's
 * API accepts them.
 */
public final class RequestBodies {

    private static final long MAX_TEXT_BODY = 8L * 1024 * 1024;

    private RequestBodies() {
    }

    /**
     * @param tempDir       where a multipart file part is spooled
     * @param maxFileBytes  largest file part accepted
     */
    public static Params read(ServerRequest req, Path tempDir, long maxFileBytes) {
        Params params = new Params();
        addQuery(params, req.query().rawValue());
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT);
        long declared = req.headers().contentLength().orElse(-1L);
        String declaredText = declared >= 0 ? String.valueOf(declared) : "more";
        try {
            if (contentType.startsWith("multipart/form-data")) {
                String rawType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
                String boundary = MultipartParser.boundary(rawType)
                        .orElseThrow(() -> ApiException.badRequest("Malformed multipart body: no boundary"));
                if (declared > maxFileBytes + MAX_TEXT_BODY) {
                    throw ApiException.badRequest("File size too large. Got " + declared + ". Maximum is " + maxFileBytes + ".");
                }
                try (InputStream in = req.content().inputStream()) {
                    new MultipartParser(in, boundary, tempDir, maxFileBytes, declaredText).parse(params);
                } catch (RuntimeException | IOException e) {
                    params.file().ifPresent(UploadedFile::discard);
                    throw e;
                }
            } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
                addQuery(params, new String(readLimited(req, textLimit(maxFileBytes)), StandardCharsets.UTF_8));
            } else if (contentType.startsWith("application/json")) {
                byte[] body = readLimited(req, textLimit(maxFileBytes));
                if (body.length > 0) {
                    addJson(params, Json.MAPPER.readTree(body));
                }
            } else if (req.content().hasEntity()) {
                // Unknown bodies are drained (bounded) so the connection stays usable.
                readLimited(req, MAX_TEXT_BODY);
            }
        } catch (IOException e) {
            throw ApiException.badRequest("Could not read request body: " + e.getMessage());
        }
        return params;
    }

    /** Base64 data URIs inflate a file by 4/3; allow that much plus the other fields. */
    private static long textLimit(long maxFileBytes) {
        return Math.min(Integer.MAX_VALUE - 16, maxFileBytes / 3 * 4 + MAX_TEXT_BODY);
    }

    private static byte[] readLimited(ServerRequest req, long limit) throws IOException {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
            if (bytes.length > limit) {
                throw ApiException.badRequest("Request body too large");
            }
            return bytes;
        }
    }

    public static void addQuery(Params params, String raw) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                params.add(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Malformed parameter encoding: " + name);
            }
        }
    }

    private static void addJson(Params params, JsonNode root) {
        if (!root.isObject()) {
            throw ApiException.badRequest("JSON body must be an object");
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode value = field.getValue();
            if (value.isArray()) {
                for (JsonNode item : value) {
                    params.add(field.getKey() + "[]", item.isValueNode() ? item.asText() : item.toString());
                }
            } else if (value.isNull()) {
                continue;
            } else {
                params.add(field.getKey(), value.isValueNode() ? value.asText() : value.toString());
            }
        }
    }
}
