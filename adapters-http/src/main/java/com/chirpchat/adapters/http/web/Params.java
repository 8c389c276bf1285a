package com.chirpchat.adapters.http.web;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import com.chirpchat.adapters.http.problem.ProblemException;
import com.chirpchat.domain.chat.ChatId;

import io.helidon.webserver.http.ServerRequest;

/** Path and query parameters, strictly: a value that is not what the contract says is a 400, never ignored. */
public final class Params {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final int MAX_DIGITS = 18;

    private Params() {
    }

    /** A path parameter of the matched route (the route guarantees it is there). */
    public static String path(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }

    /** The {@code {chatId}} of the path; a malformed one is a 400 naming {@code chatId}. */
    public static ChatId chatId(ServerRequest req) {
        return ChatId.parse(path(req, "chatId"));
    }

    public static Optional<String> query(ServerRequest req, String name) {
        try {
            return req.query().first(name).asOptional();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // Helidon 4.1 decodes lazily and fails on a dangling '%' in many ways
            throw ProblemException.badRequest("the query string is not properly percent-encoded");
        }
    }

    public static OptionalLong nonNegativeLong(ServerRequest req, String name) {
        Optional<String> raw = query(req, name);
        if (raw.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!DIGITS.matcher(raw.get()).matches()) {
            throw ProblemException.badRequest(name + ": must be a non-negative integer");
        }
        if (raw.get().length() > MAX_DIGITS) {
            throw ProblemException.badRequest(name + ": is too large");
        }
        return OptionalLong.of(Long.parseLong(raw.get()));
    }

    public static OptionalInt nonNegativeInt(ServerRequest req, String name) {
        OptionalLong value = nonNegativeLong(req, name);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        if (value.getAsLong() > Integer.MAX_VALUE) {
            throw ProblemException.badRequest(name + ": is too large");
        }
        return OptionalInt.of((int) value.getAsLong());
    }
}
