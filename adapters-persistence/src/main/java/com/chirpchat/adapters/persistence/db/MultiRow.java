package com.chirpchat.adapters.persistence.db;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One multi-row {@code INSERT ... VALUES (...), (...), ...} instead of one statement per row: the rows of a batch of
 * changes go to the database in one round trip (what PostgreSQL's {@code reWriteBatchedInserts} would make of a JDBC
 * batch, and H2 runs it the same). Row {@code i}'s parameters are its own names with {@code _i} appended; a statement
 * per row count is built once and kept (row counts are bounded by the batch size).
 *
 * @param head  the statement up to {@code VALUES} (inclusive)
 * @param tuple one row's parenthesised values, with {@code :name} parameters
 * @param tail  what follows the rows (e.g. {@code ON CONFLICT DO NOTHING}), may be empty
 */
public record MultiRow(String head, String tuple, String tail) {
    private static final Pattern NAME = Pattern.compile("(?<!:):([A-Za-z_][A-Za-z0-9_]*)");
    private static final int KEPT = 256;

    private static final Map<Key, String> BUILT = new ConcurrentHashMap<>();

    /** The statement for {@code rows} rows. */
    public String statement(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("at least one row");
        }
        if (rows > KEPT) {
            return build(rows);
        }
        return BUILT.computeIfAbsent(new Key(this, rows), k -> build(rows));
    }

    /** The parameters of every row, each row's names suffixed with its index. */
    public static Params params(List<Params> rows) {
        Params all = Params.none();
        for (int i = 0; i < rows.size(); i++) {
            all.andAll(rows.get(i), "_" + i);
        }
        return all;
    }

    private String build(int rows) {
        StringBuilder statement = new StringBuilder(head.length() + rows * (tuple.length() + 8) + tail.length() + 2);
        statement.append(head).append('\n');
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                statement.append(",\n");
            }
            Matcher names = NAME.matcher(tuple);
            statement.append(names.replaceAll(":$1_" + i));
        }
        if (!tail.isEmpty()) {
            statement.append('\n').append(tail);
        }
        return statement.toString();
    }

    private record Key(MultiRow statement, int rows) {
    }
}
