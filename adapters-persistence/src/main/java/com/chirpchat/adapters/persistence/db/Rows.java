package com.chirpchat.adapters.persistence.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

import io.helidon.dbclient.DbRow;

/**
 * Typed reads of a row's columns from whatever the driver returned: PostgreSQL gives a {@link Timestamp} for
 * {@code TIMESTAMP WITH TIME ZONE} where H2 gives an {@link OffsetDateTime}, and counts may be any number type.
 * Reading the raw value ourselves keeps that knowledge here instead of in Helidon's mapper registry.
 */
public final class Rows {
    private Rows() {
    }

    public static Optional<Object> value(DbRow row, String column) {
        return Optional.ofNullable(row.column(column).get(Object.class));
    }

    public static UUID uuid(DbRow row, String column) {
        return optionalUuid(row, column).orElseThrow(() -> missing(column));
    }

    public static Optional<UUID> optionalUuid(DbRow row, String column) {
        return value(row, column).map(v -> v instanceof UUID uuid ? uuid : UUID.fromString(v.toString()));
    }

    public static Instant instant(DbRow row, String column) {
        return optionalInstant(row, column).orElseThrow(() -> missing(column));
    }

    public static Optional<Instant> optionalInstant(DbRow row, String column) {
        return value(row, column).map(v -> switch (v) {
            case Instant i -> i;
            case OffsetDateTime odt -> odt.toInstant();
            case ZonedDateTime zdt -> zdt.toInstant();
            case Timestamp ts -> ts.toInstant();
            default -> throw new PersistenceException("column " + column + " holds " + v.getClass().getName()
                                                      + ", not a point in time");
        });
    }

    public static String string(DbRow row, String column) {
        return optionalString(row, column).orElseThrow(() -> missing(column));
    }

    public static Optional<String> optionalString(DbRow row, String column) {
        return value(row, column).map(Object::toString);
    }

    public static long longValue(DbRow row, String column) {
        return optionalLong(row, column).orElseThrow(() -> missing(column));
    }

    public static OptionalLong optionalLong(DbRow row, String column) {
        return value(row, column).map(v -> OptionalLong.of(number(column, v).longValue())).orElse(OptionalLong.empty());
    }

    public static OptionalInt optionalInt(DbRow row, String column) {
        return value(row, column).map(v -> OptionalInt.of(number(column, v).intValue())).orElse(OptionalInt.empty());
    }

    public static OptionalDouble optionalDouble(DbRow row, String column) {
        return value(row, column).map(v -> OptionalDouble.of(number(column, v).doubleValue())).orElse(OptionalDouble.empty());
    }

    public static boolean bool(DbRow row, String column) {
        Object v = value(row, column).orElseThrow(() -> missing(column));
        if (v instanceof Boolean b) {
            return b;
        }
        throw new PersistenceException("column " + column + " holds " + v.getClass().getName() + ", not a boolean");
    }

    private static Number number(String column, Object v) {
        if (v instanceof Number n) {
            return n;
        }
        throw new PersistenceException("column " + column + " holds " + v.getClass().getName() + ", not a number");
    }

    private static PersistenceException missing(String column) {
        return new PersistenceException("column " + column + " is unexpectedly NULL");
    }
}
