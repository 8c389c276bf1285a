package com.chirpchat.adapters.persistence.db;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PositionalSqlTest {
    @Test
    void namedParametersBecomePlaceholdersInOrder() {
        PositionalSql sql = PositionalSql.parse("UPDATE chats SET last_seq = :seq, updated_at = :at WHERE id = CAST(:chat AS UUID) AND x = :seq");

        assertThat(sql.jdbc()).isEqualTo("UPDATE chats SET last_seq = ?, updated_at = ? WHERE id = CAST(? AS UUID) AND x = ?");
        assertThat(sql.names()).containsExactly("seq", "at", "chat", "seq");
        assertThat(sql.bind(Map.of("seq", 7L, "at", "t", "chat", "c"), "bump")).containsExactly(7L, "t", "c", 7L);
    }

    @Test
    void quotesCommentsAndCastsAreLeftAlone() {
        PositionalSql sql = PositionalSql.parse("""
                SELECT ':no', "we:ird", 'it''s :not', x::text -- a :comment
                FROM t WHERE a = :yes""");

        assertThat(sql.names()).containsExactly("yes");
        assertThat(sql.jdbc()).isEqualTo("""
                SELECT ':no', "we:ird", 'it''s :not', x::text -- a :comment
                FROM t WHERE a = ?""");
    }

    @Test
    void nullValuesBindAndMissingOnesAreRefused() {
        PositionalSql sql = PositionalSql.parse("INSERT INTO t VALUES (:a, :b)");
        Map<String, Object> values = new HashMap<>();
        values.put("a", null);
        values.put("b", 1);

        assertThat(sql.bind(values, "insert")).isEqualTo(java.util.Arrays.asList(null, 1));
        assertThatThrownBy(() -> sql.bind(Map.of("a", 1), "insert")).hasMessageContaining(":b");
        assertThat(PositionalSql.of("SELECT :a")).isSameAs(PositionalSql.of("SELECT :a"));
        assertThat(List.of(PositionalSql.parse("SELECT 1").names())).containsExactly(List.of());
    }
}
