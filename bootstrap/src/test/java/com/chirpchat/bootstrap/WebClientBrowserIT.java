package com.chirpchat.bootstrap;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web client's end-to-end tests in a real (headless) Chromium, against this build's packaged server on the
 * module path. They are written with playwright-core in {@code web/e2e} and run by node's test runner; this test
 * runs them here because only now (bootstrap's integration tests) is the packaged server there to start. Each
 * scenario's server log and the browser's output land in {@code target/web-e2e}.
 */
class WebClientBrowserIT {
    private static final long LIMIT_MINUTES = 25;

    @Test
    void theWebClientWorksInABrowser() throws Exception {
        Path web = Path.of(System.getProperty("chirpchat.web.dir", "../web")).toAbsolutePath().normalize();
        Path output = Path.of("target", "web-e2e").toAbsolutePath();
        Files.createDirectories(output);
        assertThat(web.resolve("node_modules")).as("the web module's build installs its npm packages").isDirectory();

        ProcessBuilder builder = new ProcessBuilder(npm(), "run", "test:e2e").directory(web.toFile()).redirectErrorStream(true);
        builder.environment().put("CHIRPCHAT_APP_JAR", Path.of(System.getProperty("chirpchat.app.jar", "target/chirpchat.jar")).toAbsolutePath().toString());
        builder.environment().put("CHIRPCHAT_APP_LIBS", Path.of(System.getProperty("chirpchat.app.libs", "target/libs")).toAbsolutePath().toString());
        builder.environment().put("CHIRPCHAT_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().put("CHIRPCHAT_E2E_OUTPUT", output.toString());
        Process node = builder.start();

        // echo node's report as it comes (it is the useful output), keep its tail for the failure message
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(output.resolve("e2e.log")))) {
            Thread pump = Thread.ofPlatform().start(() -> out.lines().forEach(line -> {
                System.out.println("[web e2e] " + line);
                log.println(line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > 80) {
                        tail.removeFirst();
                    }
                }
            }));
            boolean finished = node.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES);
            if (!finished) {
                node.descendants().forEach(ProcessHandle::destroyForcibly);
                node.destroyForcibly();
            }
            pump.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(finished).as("the browser tests finish within %d minutes", LIMIT_MINUTES).isTrue();
        }
        List<String> report;
        synchronized (tail) {
            report = List.copyOf(tail);
        }
        assertThat(node.exitValue())
                .as("npm run test:e2e in %s failed (full output in %s):%n%s", web, output.resolve("e2e.log"), String.join("\n", report))
                .isZero();
    }

    private static String npm() {
        return File.separatorChar == '\\' ? "npm.cmd" : "npm";
    }
}
