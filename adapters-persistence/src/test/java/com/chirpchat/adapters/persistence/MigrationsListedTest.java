package com.chirpchat.adapters.persistence;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.chirpchat.adapters.persistence.migration.Migrations;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations are listed in code (Flyway cannot discover them inside a named module). This catches a script
 * added to the folder but not to the list, which would otherwise silently never run.
 */
class MigrationsListedTest {
    @Test
    void everyScriptInTheFolderIsListedInOrder() throws IOException, URISyntaxException {
        Path folder = Path.of(Migrations.class.getResource(Migrations.SCRIPTS.getFirst()).toURI()).getParent();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted())
                    .containsExactlyElementsOf(Migrations.SCRIPTS);
        }
        assertThat(Migrations.SCRIPTS).allMatch(n -> n.matches("V\\d+__[a-z0-9_]+\\.sql"));
        assertThat(Migrations.SCRIPTS).isSortedAccordingTo((a, b) -> Integer.compare(version(a), version(b)));
    }

    private static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }
}
