package com.chirpchat.adapters.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged module on the real module path ({@code java -p ... -m}), as the server runs: JDBC drivers found
 * by ServiceLoader, Helidon's JDBC client and Hikari pool resolved, Jackson resolved for Flyway, and the
 * migration scripts read from inside the named module, where Flyway's own scanner cannot read them. The unit
 * tests cannot show any of this: they run on the class path.
 */
class ModulePathIT {
    @TempDir
    static Path work;
    private static String modulePath;

    @BeforeAll
    static void compileSmokeModule() throws IOException {
        Path jar = Path.of(System.getProperty("persistence.jar"));
        String dependencies = Files.readString(Path.of(System.getProperty("persistence.runtime.classpath"))).strip();
        assertThat(jar).exists();
        Path sources = Path.of("src/test/resources/module-path-smoke");
        Path classes = work.resolve("smoke-classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--module-source-path", sources.toString(),
                                                    "-p", jar + java.io.File.pathSeparator + dependencies, "-m", "com.chirpchat.bootstrap"));
        // java.util.spi.ToolProvider (java.base) rather than javax.tools: this test is compiled into the module
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        assertThat(javac.run(System.out, System.err, args.toArray(String[]::new))).as("smoke module compiles").isZero();
        modulePath = String.join(java.io.File.pathSeparator, classes.resolve("com.chirpchat.bootstrap").toString(), jar.toString(), dependencies);
    }

    @Test
    void theEmbeddedDatabaseWorksOnTheModulePath() throws Exception {
        String out = run(work.resolve("data").toString());
        assertThat(out).contains("named module: true", "registered: true", "embedded: true", "ping rows: 1",
                                 "media: ready", "notification handled: APPLIED/REPEATED", "claimed deletions: 1",
                                 "events after restart: 5", "deletions after restart: Stats[pending=1, deadLettered=0]",
                                 "Database schema at version 4 (4 migration(s) applied now)",
                                 "(0 migration(s) applied now)");
    }

    @Test
    void postgresWorksOnTheModulePath() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            String out = run(work.resolve("unused").toString(), database.url(), PostgresTestDatabase.USER);
            assertThat(out).contains("named module: true", "registered: true", "embedded: false", "ping rows: 1",
                                     "media: ready", "notification handled: APPLIED/REPEATED", "claimed deletions: 1",
                                     "events after restart: 5", "deletions after restart: Stats[pending=1, deadLettered=0]",
                                     "(4 migration(s) applied now)");
        }
    }

    private static String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                                       "-p", modulePath, "-m", "com.chirpchat.bootstrap/smoke.ModulePathSmoke"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(work, "smoke", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("smoke run finished in time; output:%n%s", out).isTrue();
        assertThat(process.exitValue()).as("smoke run exit code; output:%n%s", out).isZero();
        return out;
    }

}
