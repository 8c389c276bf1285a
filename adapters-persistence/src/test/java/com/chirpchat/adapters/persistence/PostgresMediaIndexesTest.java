package com.chirpchat.adapters.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V6 on PostgreSQL: the media indexes hold only rows with media (a text post adds no entry to them), and the
 * housekeeping query that reads through one still can.
 */
class PostgresMediaIndexesTest {
    static PostgresTestDatabase database;

    @BeforeAll
    static void create() {
        database = PostgresTestDatabase.create();
        database.open().close(); // migrated
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void theMediaIndexesArePartial() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'messages'"
                                                     + " AND indexname IN ('messages_media_asset_key_idx', 'messages_uploading_idx') ORDER BY indexname")) {
            List<String> definitions = new ArrayList<>();
            while (rows.next()) {
                definitions.add(rows.getString(2));
            }
            assertThat(definitions).hasSize(2);
            assertThat(definitions.get(0)).contains("(media_asset_key)").endsWith("WHERE (media_asset_key IS NOT NULL)");
            assertThat(definitions.get(1)).contains("(media_status, created_at)").endsWith("WHERE (media_status IS NOT NULL)");
        }
    }

    @Test
    void theUploadsStillWaitingAreReadThroughThePartialIndex() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            // the shape of MessageRepository's UPLOADS_BEFORE
            try (ResultSet rows = s.executeQuery("EXPLAIN SELECT m.id FROM messages m WHERE m.media_status = 'uploading' AND NOT m.deleted"
                                                         + " AND m.created_at < now() ORDER BY m.created_at, m.id LIMIT 20")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString()).contains("messages_uploading_idx");
        }
    }
}
