package com.chirpchat.bootstrap;

import com.chirpchat.bootstrap.support.TestServer;
import org.junit.jupiter.api.BeforeAll;

/** Sessions on the zero-setup defaults: embedded database file, in-process fanout. */
class EmbeddedSessionsIT extends SessionsIT {
    @BeforeAll
    static void start() {
        startServer(TestServer.defaults(TestServer.tempDir("chirp-sessions")));
    }
}
