package com.chirpchat.adapters.http.web;

import java.nio.charset.StandardCharsets;

import com.chirpchat.adapters.http.problem.Problem;
import com.chirpchat.wire.DomainJson;
import com.fasterxml.jackson.databind.JsonNode;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Writes response bodies: JSON documents, problems, nothing. */
public final class Replies {
    public static final String JSON = "application/json; charset=utf-8";

    private Replies() {
    }

    public static void json(ServerResponse res, int status, JsonNode body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, JSON);
        res.send(DomainJson.writeBytes(body));
    }

    public static void noContent(ServerResponse res) {
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    public static void problem(ServerResponse res, Problem problem) {
        res.status(Status.create(problem.status()));
        problem.headers().forEach((name, value) -> res.header(HeaderNames.create(name), value));
        if (problem.status() == 413) {
            // the rest of an oversized body is not worth reading just to keep the connection
            res.header(HeaderNames.CONNECTION, "close");
        }
        res.header(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        res.send(problem.toJsonText().getBytes(StandardCharsets.UTF_8));
    }
}
