package com.chirpchat.adapters.cloudinary;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;

import com.chirpchat.emulator.MediaEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged module on the real module path ({@code java -p ... -m}), as the server runs it: the SDK jars are
 * automatic modules, the SDK finds its HTTP layer by class name, and the Apache client it uses logs through
 * SLF4J. The other tests cannot show any of this: they run on the class path.
 */
class ModulePathIT {
    @TempDir
    Path work;

    @Test
    void theAdapterWorksOnTheModulePath() throws Exception {
        String modulePath = compileSmokeModule();
        try (MediaEmulator emulator = Emulated.start(work.resolve("media"))) {
            String body = "{\"notification_type\":\"upload\",\"public_id\":\"chats/c1/m1\",\"format\":\"png\",\"bytes\":12}";
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            String signature = HexFormat.of().formatHex(sha1.digest((body + timestamp + emulator.apiSecret()).getBytes(StandardCharsets.UTF_8)));
            String out = run(modulePath, emulator.cloudinaryUrl(), emulator.tokenKey(), body, timestamp, signature);
            assertThat(out).contains("named module: true", "application module: com.chirpchat.application", "mode: token",
                                     "reachable: true", "upload url: " + emulator.baseUri() + "/v1_1/chirpchat/video/upload",
                                     "destroyed: ok", "token url: true", "notification: Uploaded[", "assetKey=chats/c1/m1",
                                     "forged: INVALID_SIGNATURE");
        }
    }

    private String compileSmokeModule() throws IOException {
        Path jar = Path.of(System.getProperty("cloudinary.adapter.jar"));
        String dependencies = Files.readString(Path.of(System.getProperty("cloudinary.adapter.runtime.classpath"))).strip();
        assertThat(jar).exists();
        Path classes = work.resolve("smoke-classes");
        List<String> args = List.of("-d", classes.toString(), "--module-source-path", "src/test/resources/module-path-smoke",
                                    "-p", jar + File.pathSeparator + dependencies, "-m", "com.chirpchat.bootstrap");
        // java.util.spi.ToolProvider (java.base) rather than javax.tools: this test is compiled into the module
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        assertThat(javac.run(System.out, System.err, args.toArray(String[]::new))).as("smoke module compiles").isZero();
        return String.join(File.pathSeparator, classes.resolve("com.chirpchat.bootstrap").toString(), jar.toString(), dependencies);
    }

    private String run(String modulePath, String... args) throws Exception {
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
