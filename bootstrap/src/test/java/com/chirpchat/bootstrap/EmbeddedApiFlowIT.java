package com.chirpchat.bootstrap;

import com.chirpchat.bootstrap.support.TestServer;
import org.junit.jupiter.api.BeforeAll;

/** The API flow on the zero-setup defaults: embedded database file, in-process fanout. */
class EmbeddedApiFlowIT extends ApiFlowIT {
    @BeforeAll
    static void start() {
        startServer(TestServer.defaults(TestServer.tempDir("chirp-embedded")));
    }
}
