package com.chirpchat.adapters.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.chirpchat.adapters.persistence.db.DbSettings;
import com.chirpchat.adapters.persistence.migration.Migrations;
import com.chirpchat.domain.chat.Chat;
import com.chirpchat.domain.ledger.PostText;
import com.chirpchat.domain.message.MessageId;
import com.chirpchat.domain.message.MessageText;
import com.chirpchat.domain.user.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Restarting the server keeps the data, and the migrations that already ran do not run again. */
class RestartTest {
    @Test
    void theEmbeddedFileKeepsItsDataAcrossRestarts(@TempDir Path dataDir) {
        TestDatabase database = TestDatabase.h2(dataDir);
        restartKeepsData(database);
        assertThat(dataDir.resolve(DbSettings.EMBEDDED_NAME + ".mv.db")).exists();
        assertThat(Migrations.migrate(DbSettings.create(TestDatabase.config(Map.of()), dataDir)))
                .as("nothing left to migrate").isZero();
    }

    @Test
    void postgresKeepsItsDataAcrossRestarts() {
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            restartKeepsData(database);
            DbSettings settings = DbSettings.create(TestDatabase.config(
                    Map.of("url", database.url(), "username", PostgresTestDatabase.USER)), Path.of("unused"));
            assertThat(Migrations.migrate(settings)).as("nothing left to migrate").isZero();
        }
    }

    @Test
    void theDataDirectoryIsCreatedWhenMissing(@TempDir Path parent) {
        Path dataDir = parent.resolve("not/yet/there");
        try (Persistence persistence = TestDatabase.h2(dataDir).open()) {
            assertThat(persistence.embedded()).isTrue();
            assertThat(persistence.description()).isEqualTo("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("chirpchat"));
        }
        assertThat(Files.isDirectory(dataDir)).isTrue();
    }

    private static void restartKeepsData(TestDatabase database) {
        User ada;
        Chat chat;
        MessageId message = new MessageId(UUID.randomUUID());
        try (Persistence first = database.open()) {
            ada = StoreBehaviourTest.registered(first.store(), "ada");
            chat = StoreBehaviourTest.newChat(first.store(), ada);
            first.store().apply(new PostText(chat.id(), ada.id(), message, new MessageText("still here"), Optional.empty(),
                                             StoreBehaviourTest.T0));
        }
        try (Persistence second = database.open()) {
            assertThat(second.store().byId(ada.id())).hasValue(ada);
            assertThat(second.store().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(2);
            assertThat(second.store().message(message).orElseThrow().text().orElseThrow().value()).isEqualTo("still here");
            List<String> applied = second.dbClient().execute()
                    .query("SELECT script FROM flyway_schema_history WHERE success AND type = 'SQL' ORDER BY installed_rank")
                    .map(row -> row.column("script").get(String.class))
                    .toList();
            assertThat(applied).as("each script applied once").containsExactlyElementsOf(Migrations.SCRIPTS);
        }
    }
}
