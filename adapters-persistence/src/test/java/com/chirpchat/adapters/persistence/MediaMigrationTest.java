package com.chirpchat.adapters.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;

import com.chirpchat.adapters.persistence.migration.Migrations;
import com.chirpchat.adapters.persistence.migration.MigrationsAt;
import com.chirpchat.domain.chat.ChatId;
import com.chirpchat.domain.event.ChatEvent;
import com.chirpchat.domain.event.ChatEventType;
import com.chirpchat.domain.event.EventData;
import com.chirpchat.domain.ledger.ApplyMediaReport;
import com.chirpchat.domain.ledger.ChatChanges;
import com.chirpchat.domain.ledger.ChatState;
import com.chirpchat.domain.ledger.Concerns;
import com.chirpchat.domain.ledger.Outcome;
import com.chirpchat.domain.media.MediaAsset;
import com.chirpchat.domain.media.MediaFacts;
import com.chirpchat.domain.media.MediaLimits;
import com.chirpchat.domain.media.MediaReport;
import com.chirpchat.domain.media.MediaStatus;
import com.chirpchat.domain.media.ResourceType;
import com.chirpchat.domain.message.AssetKey;
import com.chirpchat.domain.message.Message;
import com.chirpchat.domain.message.MessageId;
import io.helidon.dbclient.DbRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V2 on a database that V1 built and an older server filled: media rows written with a status (and facts that were
 * always there, variants NULL when none) must read back as the asset those rows meant, with the status the
 * domain now derives, and keep working. The rows are written with plain SQL, exactly as the V1 code wrote them.
 */
class MediaMigrationTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final MediaFacts VIDEO_FACTS = new MediaFacts(Optional.of("mp4"), OptionalLong.of(9_000_000), OptionalInt.of(1920),
                                                                 OptionalInt.of(1080), OptionalDouble.of(42.5));
    private static final MediaFacts IMAGE_FACTS = new MediaFacts(Optional.of("png"), OptionalLong.of(50_000), OptionalInt.of(800),
                                                                 OptionalInt.of(600), OptionalDouble.empty());
    private static final MediaFacts PDF_FACTS = new MediaFacts(Optional.of("pdf"), OptionalLong.of(1234), OptionalInt.empty(),
                                                               OptionalInt.empty(), OptionalDouble.empty());

    @Test
    void embeddedDatabaseWrittenByV1IsMigrated(@TempDir Path dataDir) throws Exception {
        migrateAndCheck(TestDatabase.h2(dataDir));
    }

    @Test
    void postgresDatabaseWrittenByV1IsMigrated() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            migrateAndCheck(database);
        }
    }

    /** A V1 media row: status, type, facts columns, variants as V1 joined them, failure. */
    private record V1Media(String status, ResourceType type, MediaFacts facts, String variants, String failure) {
    }

    private static void migrateAndCheck(TestDatabase database) throws Exception {
        assertThat(MigrationsAt.migrateTo(database.settings(), "1")).isEqualTo(1);

        UUID user = UUID.randomUUID();
        ChatId chat = new ChatId(UUID.randomUUID());
        Map<MessageId, V1Media> v1 = new LinkedHashMap<>();
        Map<MessageId, MediaAsset> expected = new LinkedHashMap<>();
        String prefix = "chats/" + chat + "/";
        // each V1 state (and V1's way of saying "no variants"), and what it must mean now
        put(v1, expected, new V1Media("uploading", ResourceType.IMAGE, MediaFacts.UNKNOWN, null, null),
            key -> MediaAsset.uploading(ResourceType.IMAGE, key), prefix);
        put(v1, expected, new V1Media("processing", ResourceType.VIDEO, VIDEO_FACTS, null, null),
            key -> new MediaAsset(ResourceType.VIDEO, key, Optional.of(VIDEO_FACTS), Optional.empty(), Optional.empty()), prefix);
        put(v1, expected, new V1Media("processing", ResourceType.AUDIO, MediaFacts.UNKNOWN, null, null),
            key -> new MediaAsset(ResourceType.AUDIO, key, Optional.of(MediaFacts.UNKNOWN), Optional.empty(), Optional.empty()), prefix);
        put(v1, expected, new V1Media("ready", ResourceType.IMAGE, IMAGE_FACTS, "thumbnail_250,preview_800", null),
            key -> new MediaAsset(ResourceType.IMAGE, key, Optional.of(IMAGE_FACTS), Optional.of(List.of("thumbnail_250", "preview_800")),
                                  Optional.empty()), prefix);
        put(v1, expected, new V1Media("ready", ResourceType.IMAGE, IMAGE_FACTS, null, null),
            key -> new MediaAsset(ResourceType.IMAGE, key, Optional.of(IMAGE_FACTS), Optional.of(List.of()), Optional.empty()), prefix);
        put(v1, expected, new V1Media("ready", ResourceType.RAW, PDF_FACTS, null, null),
            key -> new MediaAsset(ResourceType.RAW, key, Optional.of(PDF_FACTS), Optional.empty(), Optional.empty()), prefix);
        put(v1, expected, new V1Media("failed", ResourceType.VIDEO, VIDEO_FACTS, null, "codec not supported"),
            key -> new MediaAsset(ResourceType.VIDEO, key, Optional.of(VIDEO_FACTS), Optional.empty(), Optional.of("codec not supported")),
            prefix);
        put(v1, expected, new V1Media("failed", ResourceType.IMAGE, MediaFacts.UNKNOWN, null, "upload expired"),
            key -> new MediaAsset(ResourceType.IMAGE, key, Optional.empty(), Optional.empty(), Optional.of("upload expired")), prefix);
        // V1 let a raw file sit in "processing"; with nothing to process it is ready now
        put(v1, expected, new V1Media("processing", ResourceType.RAW, PDF_FACTS, null, null),
            key -> new MediaAsset(ResourceType.RAW, key, Optional.of(PDF_FACTS), Optional.empty(), Optional.empty()), prefix);
        MessageId text = new MessageId(UUID.randomUUID());
        MessageId tombstone = new MessageId(UUID.randomUUID());

        try (Connection c = database.connect()) {
            insertV1Rows(c, user, chat, v1, text, tombstone);
        }

        try (Persistence persistence = database.open()) {
            JdbcStore store = persistence.store();
            List<String> applied = persistence.dbClient().execute()
                    .query("SELECT script FROM flyway_schema_history WHERE success AND type = 'SQL' ORDER BY installed_rank")
                    .map(row -> row.column("script").get(String.class))
                    .toList();
            assertThat(applied).containsExactlyElementsOf(Migrations.SCRIPTS);

            for (Map.Entry<MessageId, MediaAsset> e : expected.entrySet()) {
                MediaAsset want = e.getValue();
                Message read = store.message(e.getKey()).orElseThrow();
                assertThat(read.media()).as("V1 %s", v1.get(e.getKey())).hasValue(want);
                // a notification about the key finds the message through the key itself, under its chat's lock
                AssetKey key = AssetKey.parse(want.assetKey()).orElseThrow();
                ChatState state = store.change(key.chatId(), Concerns.NONE.message(key.messageId()),
                                               s -> new Outcome.Accepted<>(s, s, ChatChanges.NONE)).result();
                assertThat(state.message(key.messageId())).hasValue(read);
                DbRow row = raw(persistence, e.getKey());
                assertThat(row.column("media_status").get(String.class)).as("denormalised status of V1 %s", v1.get(e.getKey()))
                        .isEqualTo(want.status().wireName());
            }
            assertThat(store.message(text).orElseThrow().media()).isEmpty();
            assertThat(raw(persistence, text).column("media_upload_reported").get(Object.class)).isNull();
            assertThat(store.message(tombstone).orElseThrow().deleted()).isTrue();
            assertThat(raw(persistence, tombstone).column("media_processing_reported").get(Object.class)).isNull();

            // old rows keep working: the processing video settles, with its event rendered from the migrated row
            MessageId video = expected.entrySet().stream()
                    .filter(e -> e.getValue().resourceType() == ResourceType.VIDEO && e.getValue().status() == MediaStatus.PROCESSING)
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            ChatEvent settled = store.apply(new ApplyMediaReport(new AssetKey(chat, video), "n-" + UUID.randomUUID(),
                    new MediaReport.Processed(List.of("mp4", "hls")), MediaLimits.defaults(), T0.plusSeconds(60))).changes().events().getFirst();
            assertThat(store.message(video).orElseThrow().media()).hasValue(expected.get(video).processed(List.of("mp4", "hls")));
            assertThat(settled.type()).isEqualTo(ChatEventType.MEDIA_PROCESSED);
            assertThat(settled.seq()).isEqualTo(v1.size() + 5L);
            assertThat(store.eventsAfter(chat, 0, 100)).hasSize(v1.size() + 5)
                    .last().extracting(ChatEvent::data)
                    .isEqualTo(new EventData.MediaProcessed(store.message(video).orElseThrow()));

            // and the new constraint guards old and new rows alike
            assertThatThrownBy(() -> persistence.dbClient().execute().createDmlStatement(
                    "UPDATE messages SET media_upload_reported = FALSE WHERE id = CAST(:id AS UUID)")
                    .addParam("id", video.value().toString()).execute())
                    .as("facts kept without the upload reported").isInstanceOf(RuntimeException.class);
        }
    }

    private static void put(Map<MessageId, V1Media> v1, Map<MessageId, MediaAsset> expected, V1Media row,
                            Function<String, MediaAsset> meaning, String prefix) {
        MessageId id = new MessageId(UUID.randomUUID());
        v1.put(id, row);
        expected.put(id, meaning.apply(prefix + id));
    }

    /** One user, one chat, its messages (seq 2..) with their events, and a deleted one: as V1 wrote them. */
    private static void insertV1Rows(Connection c, UUID user, ChatId chat, Map<MessageId, V1Media> media, MessageId text,
                                     MessageId tombstone) throws SQLException {
        OffsetDateTime at = OffsetDateTime.ofInstant(T0, ZoneOffset.UTC);
        long lastSeq = media.size() + 4L;
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES ('" + user
                      + "', 'v1-" + user.toString().substring(0, 8) + "', 'V1 user', 'hash', TIMESTAMP WITH TIME ZONE '2026-11-20 08:00:00+00')");
            s.execute("INSERT INTO chats (id, title, created_at, last_seq, last_activity_at) VALUES ('" + chat
                      + "', 'Old chat', TIMESTAMP WITH TIME ZONE '2026-11-20 08:00:00+00', " + lastSeq
                      + ", TIMESTAMP WITH TIME ZONE '2026-11-20 08:00:00+00')");
            s.execute("INSERT INTO chat_members (chat_id, user_id, role, joined_at, added_seq) VALUES ('" + chat + "', '" + user
                      + "', 'owner', TIMESTAMP WITH TIME ZONE '2026-11-20 08:00:00+00', 1)");
        }
        List<Object[]> events = new ArrayList<>();
        events.add(new Object[] {1L, "member_added", null, user});
        long seq = 1;
        String insert = """
                INSERT INTO messages (id, chat_id, seq, author_id, kind, body, created_at, deleted, deleted_at, client_message_id,
                                      media_status, media_resource_type, media_asset_key, media_format, media_bytes,
                                      media_width, media_height, media_duration_seconds, media_variants, media_failure_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (PreparedStatement p = c.prepareStatement(insert)) {
            p.setObject(1, text.value());
            values(p, chat, ++seq, user, "text", "hello from V1", at, false, null);
            media(p, null, null, MediaFacts.UNKNOWN, null, null);
            p.executeUpdate();
            events.add(new Object[] {seq, "message_created", text.value(), null});
            for (Map.Entry<MessageId, V1Media> e : media.entrySet()) {
                V1Media m = e.getValue();
                p.setObject(1, e.getKey().value());
                values(p, chat, ++seq, user, "media", null, at, false, null);
                media(p, m, "chats/" + chat + "/" + e.getKey(), m.facts(), m.variants(), m.failure());
                p.executeUpdate();
                events.add(new Object[] {seq, "message_created", e.getKey().value(), null});
            }
            p.setObject(1, tombstone.value());
            values(p, chat, ++seq, user, "media", null, at, true, at);
            media(p, null, null, MediaFacts.UNKNOWN, null, null);
            p.executeUpdate();
            events.add(new Object[] {seq, "message_created", tombstone.value(), null});
        }
        try (PreparedStatement p = c.prepareStatement("""
                INSERT INTO chat_events (chat_id, seq, event_type, occurred_at, message_id, user_id, role)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            for (Object[] e : events) {
                p.setObject(1, chat.value());
                p.setLong(2, (Long) e[0]);
                p.setString(3, (String) e[1]);
                p.setObject(4, at);
                p.setObject(5, e[2]);
                p.setObject(6, e[3]);
                p.setString(7, e[3] == null ? null : "owner");
                p.executeUpdate();
            }
        }
        assertThat(seq).isEqualTo(lastSeq - 1);
        // V1 logged the tombstone's deletion as the last event
        try (PreparedStatement p = c.prepareStatement("""
                INSERT INTO chat_events (chat_id, seq, event_type, occurred_at, message_id) VALUES (?, ?, 'message_deleted', ?, ?)""")) {
            p.setObject(1, chat.value());
            p.setLong(2, lastSeq);
            p.setObject(3, at);
            p.setObject(4, tombstone.value());
            p.executeUpdate();
        }
    }

    private static void values(PreparedStatement p, ChatId chat, long seq, UUID author, String kind, String body,
                               OffsetDateTime at, boolean deleted, OffsetDateTime deletedAt) throws SQLException {
        p.setObject(2, chat.value());
        p.setLong(3, seq);
        p.setObject(4, author);
        p.setString(5, kind);
        p.setString(6, body);
        p.setObject(7, at);
        p.setBoolean(8, deleted);
        p.setObject(9, deletedAt);
    }

    private static void media(PreparedStatement p, V1Media m, String key, MediaFacts f, String variants, String failure)
            throws SQLException {
        p.setString(10, m == null ? null : m.status());
        p.setString(11, m == null ? null : m.type().wireName());
        p.setString(12, key);
        p.setString(13, f.format().orElse(null));
        p.setObject(14, f.bytes().isPresent() ? f.bytes().getAsLong() : null, java.sql.Types.BIGINT);
        p.setObject(15, f.width().isPresent() ? f.width().getAsInt() : null, java.sql.Types.INTEGER);
        p.setObject(16, f.height().isPresent() ? f.height().getAsInt() : null, java.sql.Types.INTEGER);
        p.setObject(17, f.durationSeconds().isPresent() ? f.durationSeconds().getAsDouble() : null, java.sql.Types.DOUBLE);
        p.setString(18, variants);
        p.setString(19, failure);
    }

    private static DbRow raw(Persistence persistence, MessageId id) {
        return persistence.dbClient().execute()
                .createGet("SELECT * FROM messages WHERE id = CAST(:id AS UUID)")
                .addParam("id", id.value().toString())
                .execute()
                .orElseThrow();
    }
}
