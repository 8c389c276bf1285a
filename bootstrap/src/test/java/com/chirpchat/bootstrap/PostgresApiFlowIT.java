package com.chirpchat.bootstrap;

import java.util.Map;

import com.chirpchat.bootstrap.support.Postgres;
import com.chirpchat.bootstrap.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The API flow on PostgreSQL. */
class PostgresApiFlowIT extends ApiFlowIT {
    private static String url;

    @BeforeAll
    static void start() {
        url = Postgres.createDatabase();
        Map<String, String> settings = TestServer.defaults(TestServer.tempDir("chirp-pg"));
        settings.put("chirpchat.db.url", url);
        settings.put("chirpchat.db.username", Postgres.USER);
        startServer(settings);
    }

    @AfterAll
    static void dropDatabase() {
        stopServer();
        server = null;
        Postgres.dropDatabase(url);
    }
}
