package com.chirpchat.bootstrap;

import java.util.Map;

import com.chirpchat.bootstrap.support.Postgres;
import com.chirpchat.bootstrap.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Sessions on PostgreSQL. */
class PostgresSessionsIT extends SessionsIT {
    private static String url;

    @BeforeAll
    static void start() {
        url = Postgres.createDatabase();
        Map<String, String> settings = TestServer.defaults(TestServer.tempDir("chirp-pg-sessions"));
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
