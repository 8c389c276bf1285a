package com.chirpchat.adapters.http.web;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.chirpchat.adapters.http.problem.Problem;
import com.chirpchat.adapters.http.problem.ProblemException;
import com.chirpchat.adapters.http.problem.Problems;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;

/**
 * Registers routes and remembers which methods each path has, so that {@link #finish()} can answer any other
 * method on a known path with 405 and an {@code Allow} header instead of a misleading 404.
 */
public final class Endpoints {
    private final HttpRouting.Builder routing;
    private final Map<String, Set<Method>> methodsByPath = new LinkedHashMap<>();

    public Endpoints(HttpRouting.Builder routing) {
        this.routing = routing;
    }

    public Endpoints get(String path, Handler handler) {
        return add(Method.GET, path, handler);
    }

    public Endpoints post(String path, Handler handler) {
        return add(Method.POST, path, handler);
    }

    public Endpoints put(String path, Handler handler) {
        return add(Method.PUT, path, handler);
    }

    public Endpoints delete(String path, Handler handler) {
        return add(Method.DELETE, path, handler);
    }

    public Endpoints add(Method method, String path, Handler handler) {
        routing.route(method, path, handler);
        methodsByPath.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(method);
        return this;
    }

    /** The registered paths and their methods, in registration order. */
    public Map<String, Set<Method>> routes() {
        Map<String, Set<Method>> copy = new LinkedHashMap<>();
        methodsByPath.forEach((path, methods) -> copy.put(path, Set.copyOf(methods)));
        return copy;
    }

    /** Adds the 405 answers; call once, after every route of the API is added. */
    public void finish() {
        methodsByPath.forEach((path, methods) -> {
            String allow = methods.stream().map(Method::text).collect(Collectors.joining(", "));
            routing.any(path, (req, res) -> {
                throw new ProblemException(Problem.of(405, Problems.METHOD_NOT_ALLOWED,
                                                      req.prologue().method().text() + " is not supported here; use "
                                                              + allow).withHeader("Allow", allow));
            });
        });
    }
}
