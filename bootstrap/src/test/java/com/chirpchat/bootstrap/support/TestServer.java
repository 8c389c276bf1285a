package com.chirpchat.bootstrap.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.chirpchat.bootstrap.ChirpChatServer;
import com.chirpchat.bootstrap.Settings;

/** A real ChirpChat server on a free port, configured like production except where a test says otherwise. */
public final class TestServer {
    private TestServer() {
    }

    /** Overrides every test server shares: a free port, a private data dir, cheaper (still real) password hashing. */
    public static Map<String, String> defaults(Path dataDir) {
        Map<String, String> settings = new HashMap<>();
        settings.put("server.port", "0");
        settings.put("server.host", "127.0.0.1");
        settings.put("chirpchat.data-dir", dataDir.toString());
        settings.put("chirpchat.auth.argon2.memory-kib", "1024");
        settings.put("chirpchat.auth.argon2.iterations", "1");
        settings.put("chirpchat.media.local.port", "0");
        // every test client comes from 127.0.0.1 and some post in bursts: limits are tested where they are the point
        settings.put("chirpchat.limits.register.per-address", "1000000");
        settings.put("chirpchat.limits.posts.per-user", "1000000");
        settings.put("chirpchat.limits.uploads.per-user", "1000000");
        settings.put("chirpchat.limits.login.failures-per-address", "1000000");
        return settings;
    }

    public static ChirpChatServer start(Map<String, String> settings) {
        return ChirpChatServer.start(Settings.load(settings));
    }

    /** A server whose every part, its local media service included, tells time by {@code clock}. */
    public static ChirpChatServer start(Map<String, String> settings, java.time.Clock clock) {
        return ChirpChatServer.start(Settings.load(settings), clock);
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
