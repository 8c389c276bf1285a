package com.chirpchat.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI document and the routes agree: nothing served is undocumented, nothing documented is missing. */
class OpenApiDocumentTest {
    /** Served by bootstrap's features, not by this module. */
    private static final Set<String> ELSEWHERE = Set.of("/observe/health", "/observe/metrics", "/openapi");

    private static TestServer server;
    private static Map<String, Object> document;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        server = new TestServer();
        try (InputStream in = HttpApi.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            document = (Map<String, Object>) new Yaml().load(in);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> paths() {
        return (Map<String, Object>) document.get("paths");
    }

    @Test
    void isAnOpenApi3Document() {
        assertThat((String) document.get("openapi")).startsWith("3.");
        assertThat(document).containsKeys("info", "paths", "components");
    }

    @Test
    @SuppressWarnings("unchecked")
    void documentsEveryRouteWithItsMethods() {
        Map<String, Set<String>> routes = server.api.routes();
        assertThat(routes).isNotEmpty();
        routes.forEach((path, methods) -> {
            assertThat(paths()).as(path).containsKey(path);
            Set<String> documented = ((Map<String, Object>) paths().get(path)).keySet().stream()
                    .filter(key -> !key.equals("parameters"))
                    .map(key -> key.toUpperCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            assertThat(documented).as(path).isEqualTo(methods);
        });
        Set<String> undocumented = paths().keySet().stream()
                .filter(path -> !ELSEWHERE.contains(path) && !routes.containsKey(path))
                .collect(Collectors.toSet());
        assertThat(undocumented).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void describesTheProblemShapeAndTheBearerScheme() {
        Map<String, Object> components = (Map<String, Object>) document.get("components");
        Map<String, Object> schemas = (Map<String, Object>) components.get("schemas");
        Map<String, Object> problem = (Map<String, Object>) schemas.get("Problem");
        Map<String, Object> schemes = (Map<String, Object>) components.get("securitySchemes");

        assertThat((Iterable<String>) problem.get("required")).containsExactlyInAnyOrder("type", "title", "status", "detail", "code");
        assertThat((Map<String, Object>) schemes.get("bearerAuth")).containsEntry("scheme", "bearer");
        assertThat(schemas).containsKeys("ChatEvent", "Message", "MediaInfo", "WsHelloFrame", "WsErrorFrame");
    }
}
