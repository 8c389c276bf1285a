package com.chirpchat.bootstrap.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A client of the REST API over real HTTP, as an app would be. */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    public Api(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Response post(String path, String token, Object body) {
        return postRaw(path, token, "application/json", write(body));
    }

    public Response postRaw(String path, String token, String contentType, String body) {
        return send(request(path, token).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response postRawWithHeaders(String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, null).header("Content-Type", contentType);
        headers.forEach((name, value) -> {
            if (!value.isEmpty()) {
                request.header(name, value);
            }
        });
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Registers a user (a random suffix keeps names unique) and logs in. */
    public Session signUp(String name) {
        String username = (name + "_" + Long.toHexString(System.nanoTime())).toLowerCase();
        if (username.length() > 32) {
            username = username.substring(0, 32);
        }
        Response registered = post("/auth/register", null, Map.of("username", username, "password", "password-" + name,
                                                                  "displayName", name));
        registered.expect(201);
        Response login = post("/auth/login", null, Map.of("username", username, "password", "password-" + name));
        login.expect(200);
        return new Session(registered.json().get("id").asText(), username, login.json().get("accessToken").asText());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                                response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A logged-in user. */
    public record Session(String id, String username, String token) {
    }

    public record Response(int status, String contentType, String body, Map<String, java.util.List<String>> headers) {
        public JsonNode json() {
            try {
                return body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return this;
        }

        /** Asserts an RFC 9457 problem with this status and code. */
        public Response expectProblem(int expected, String code) {
            expect(expected);
            if (!contentType.startsWith("application/problem+json")) {
                throw new AssertionError("expected a problem+json body but got " + contentType + ": " + body);
            }
            JsonNode problem = json();
            for (String field : new String[] {"type", "title", "status", "detail", "code"}) {
                if (!problem.has(field)) {
                    throw new AssertionError("problem lacks '" + field + "': " + body);
                }
            }
            if (problem.get("status").asInt() != expected || !problem.get("code").asText().equals(code)) {
                throw new AssertionError("expected problem " + expected + "/" + code + " but got " + body);
            }
            if (body.contains("Exception") || body.contains("\tat ")) {
                throw new AssertionError("problem leaks internals: " + body);
            }
            return this;
        }
    }
}
