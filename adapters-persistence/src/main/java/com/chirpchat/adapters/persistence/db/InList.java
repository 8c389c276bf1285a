package com.chirpchat.adapters.persistence.db;

import java.util.Collection;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * An {@code IN (...)} list of named parameters, {@code :p0, :p1, ...}, bound into {@link Params}. A statement per
 * list length is parsed once and kept (see {@link PositionalSql}); lists are as long as one change's concerns.
 */
public final class InList {
    private InList() {
    }

    /**
     * The placeholders for {@code values} as {@code prefix0, prefix1, ...}, each wrapped by {@code placeholder}
     * (e.g. {@code p -> "CAST(" + p + " AS UUID)"}); their values go into {@code params}.
     */
    public static <T> String of(String prefix, Collection<T> values, Function<String, String> placeholder, Function<T, Object> value,
                                Params params) {
        StringJoiner list = new StringJoiner(", ", "(", ")");
        int i = 0;
        for (T v : values) {
            String name = prefix + i++;
            list.add(placeholder.apply(":" + name));
            params.and(name, value.apply(v));
        }
        return list.toString();
    }
}
