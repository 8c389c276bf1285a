package com.chirpchat.bootstrap;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.chirpchat.bootstrap.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The web client at / on the embedded default: the page, its assets, its routes, and the API left as it was. */
class WebClientServingIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ChirpChatServer server;
    private static URI base;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestServer.defaults(TestServer.tempDir("chirp-web")));
        base = server.baseUri();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void thePageIsServedAtTheRootAndRevalidatedOnEveryLoad() throws Exception {
        HttpResponse<String> page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).contains("<div id=\"app\"></div>").contains("/assets/");

        String etag = page.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = get("/", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void clientRoutesUnderAppGetThePageSoThatReloadsAndLinksWork() throws Exception {
        String page = get("/", null).body();
        for (String route : new String[] {"/app", "/app/", "/app/chats/7c9e6679-7425-40de-944b-e07fc1f90ae7"}) {
            HttpResponse<String> response = get(route, null);
            assertThat(response.statusCode()).as(route).isEqualTo(200);
            assertThat(response.body()).as(route).isEqualTo(page);
        }
    }

    @Test
    void hashedAssetsAreCachedForeverWithTheirType() throws Exception {
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(get("/", null).body());
        assertThat(script.find()).as("the page loads a script from /assets/").isTrue();
        HttpResponse<String> asset = get(script.group(1), null);
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");

        HttpResponse<String> head = HTTP.send(HttpRequest.newBuilder(base.resolve(script.group(1)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(asset.body().getBytes().length));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void unknownAssetsAreNotFoundAndPathTricksReachNothingElse() throws Exception {
        HttpResponse<String> missing = get("/assets/nope.js", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(missing.body()).contains("\"code\":\"not_found\"");
        for (String path : new String[] {"/assets/..%2F..%2Fapplication.yaml", "/assets/%2e%2e/%2e%2e/application.yaml",
                                         "/assets/..%2Fmodule-info.class", "/app/..%2F..%2Fapplication.yaml"}) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.body()).as(path).doesNotContain("jwt-secret").doesNotContain("token-ttl");
        }
    }

    @Test
    void theApiIsUntouched() throws Exception {
        HttpResponse<String> chats = get("/chats", null);
        assertThat(chats.statusCode()).isEqualTo(401);
        assertThat(chats.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        HttpResponse<String> unknown = get("/no-such-path", null);
        assertThat(unknown.statusCode()).isEqualTo(401); // not public: the API asks for a token before it says 404
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(base.resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("only GET and HEAD are the page's").isEqualTo(401);
        assertThat(get("/openapi", null).statusCode()).isEqualTo(200);
        assertThat(get("/observe/health", null).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
