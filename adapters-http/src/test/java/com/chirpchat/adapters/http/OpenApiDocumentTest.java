package com.chirpchat.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document and the routes agree: nothing served is undocumented, nothing documented is missing. And
 * the document holds together: references resolve, operations are complete, public paths say so.
 */
class OpenApiDocumentTest {
    /** Served by bootstrap's features, not by this module. */
    private static final Set<String> ELSEWHERE = Set.of("/observe/health", "/observe/metrics", "/openapi");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

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
        assertThat(schemas).containsKeys("ChatEvent", "Message", "MediaInfo", "WsHelloFrame", "WsErrorFrame",
                                         "UploadSignatureRequest", "UploadSignature", "MediaAccess", "NotificationAck");
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).as(ref).startsWith("#/");
            Object target = document;
            for (String part : ref.substring(2).split("/")) {
                assertThat(target).as(ref).isInstanceOf(Map.class);
                target = ((Map<?, ?>) target).get(part.replace("~1", "/").replace("~0", "~"));
            }
            assertThat(target).as(ref + " resolves").isNotNull();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationIsComplete() {
        Set<String> operationIds = new HashSet<>();
        paths().forEach((path, item) -> {
            Map<String, Object> pathItem = (Map<String, Object>) item;
            Set<String> declared = new HashSet<>(pathParameters(pathItem.get("parameters")));
            pathItem.forEach((method, value) -> {
                if (!METHODS.contains(method)) {
                    return;
                }
                String name = method.toUpperCase(Locale.ROOT) + " " + path;
                Map<String, Object> operation = (Map<String, Object>) value;
                assertThat(operation).as(name).containsKeys("operationId", "summary", "tags", "responses");
                assertThat(operationIds.add((String) operation.get("operationId"))).as(name + " has a unique operationId").isTrue();
                Map<Object, Object> responses = (Map<Object, Object>) operation.get("responses");
                assertThat(responses.keySet()).as(name).anyMatch(code -> String.valueOf(code).matches("[12]\\d\\d"));
                responses.keySet().forEach(code -> assertThat(String.valueOf(code)).as(name).matches("[1-5]\\d\\d|default"));
                Set<String> parameters = new HashSet<>(declared);
                parameters.addAll(pathParameters(operation.get("parameters")));
                Matcher template = TEMPLATE.matcher(path);
                Set<String> inPath = new HashSet<>();
                while (template.find()) {
                    inPath.add(template.group(1));
                }
                assertThat(parameters).as(name + " declares its path parameters").isEqualTo(inPath);
            });
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void exactlyThePublicPathsNeedNoToken() {
        paths().forEach((path, item) -> ((Map<String, Object>) item).forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Map<String, Object> operation = (Map<String, Object>) value;
            boolean open = operation.containsKey("security") && ((List<Object>) operation.get("security")).isEmpty();
            // logout is under /auth/ but ends the session of its bearer token
            boolean isPublic = (path.startsWith("/auth/") && !path.startsWith("/auth/logout")) || path.startsWith("/observe")
                    || path.startsWith("/openapi") || path.startsWith("/webhooks/");
            assertThat(open).as(method + " " + path + " needs no token").isEqualTo(isPublic);
            if (!isPublic && !path.equals("/ws")) {
                assertThat(((Map<Object, Object>) operation.get("responses")).keySet()).as(method + " " + path)
                        .anyMatch(code -> String.valueOf(code).equals("401"));
            }
        }));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWebhookDocumentsItsSignatureHeadersAndAnswers() {
        Map<String, Object> webhook = (Map<String, Object>) ((Map<String, Object>) paths()
                .get("/webhooks/cloudinary/media-processed")).get("post");
        List<String> headers = ((List<Map<String, Object>>) webhook.get("parameters")).stream()
                .filter(parameter -> "header".equals(parameter.get("in")))
                .map(parameter -> (String) parameter.get("name"))
                .toList();
        Map<Object, Object> responses = (Map<Object, Object>) webhook.get("responses");

        assertThat(headers).containsExactlyInAnyOrder("X-Cld-Timestamp", "X-Cld-Signature");
        assertThat(responses.keySet()).map(String::valueOf).contains("200", "401").doesNotContain("404");
    }

    @SuppressWarnings("unchecked")
    private static List<String> pathParameters(Object parameters) {
        if (parameters == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Object parameter : (List<Object>) parameters) {
            Map<String, Object> resolved = (Map<String, Object>) parameter;
            if (resolved.containsKey("$ref")) {
                String ref = (String) resolved.get("$ref");
                Map<String, Object> components = (Map<String, Object>) document.get("components");
                resolved = (Map<String, Object>) ((Map<String, Object>) components.get("parameters"))
                        .get(ref.substring(ref.lastIndexOf('/') + 1));
            }
            if ("path".equals(resolved.get("in"))) {
                assertThat(resolved.get("required")).as(resolved.get("name") + " is required").isEqualTo(true);
                names.add((String) resolved.get("name"));
            }
        }
        return names;
    }

    private static void collectRefs(Object node, List<String> refs) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("$ref".equals(key)) {
                    refs.add((String) value);
                } else {
                    collectRefs(value, refs);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectRefs(item, refs));
        }
    }
}
