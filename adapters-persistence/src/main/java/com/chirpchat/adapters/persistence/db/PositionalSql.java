package com.chirpchat.adapters.persistence.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A statement written with {@code :name} parameters, rewritten once into JDBC's {@code ?} form with the names in
 * order. Helidon's DbClient would otherwise parse the named form again on every execution; our statements are
 * constants, so each is parsed once and kept. Quoted literals, quoted identifiers, {@code --} comments and
 * {@code ::} casts are left alone.
 */
record PositionalSql(String jdbc, List<String> names) {
    private static final Map<String, PositionalSql> PARSED = new ConcurrentHashMap<>();

    static PositionalSql of(String statement) {
        return PARSED.computeIfAbsent(statement, PositionalSql::parse);
    }

    /** The parameter values in placeholder order. */
    List<Object> bind(Map<String, Object> values, String statementName) {
        List<Object> bound = new ArrayList<>(names.size());
        for (String name : names) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("statement " + statementName + " has no value for :" + name);
            }
            bound.add(values.get(name));
        }
        return bound;
    }

    static PositionalSql parse(String statement) {
        StringBuilder jdbc = new StringBuilder(statement.length());
        List<String> names = new ArrayList<>();
        int n = statement.length();
        int i = 0;
        while (i < n) {
            char c = statement.charAt(i);
            if (c == '\'' || c == '"') {
                int end = statement.indexOf(c, i + 1);
                while (end > 0 && end + 1 < n && statement.charAt(end + 1) == c) { // doubled quote inside
                    end = statement.indexOf(c, end + 2);
                }
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated quote in: " + statement);
                }
                jdbc.append(statement, i, end + 1);
                i = end + 1;
            } else if (c == '-' && i + 1 < n && statement.charAt(i + 1) == '-') {
                int end = statement.indexOf('\n', i);
                end = end < 0 ? n : end;
                jdbc.append(statement, i, end);
                i = end;
            } else if (c == ':' && i + 1 < n && statement.charAt(i + 1) == ':') {
                jdbc.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(statement.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && Character.isJavaIdentifierPart(statement.charAt(end))) {
                    end++;
                }
                names.add(statement.substring(i + 1, end));
                jdbc.append('?');
                i = end;
            } else {
                jdbc.append(c);
                i++;
            }
        }
        return new PositionalSql(jdbc.toString(), List.copyOf(names));
    }
}
