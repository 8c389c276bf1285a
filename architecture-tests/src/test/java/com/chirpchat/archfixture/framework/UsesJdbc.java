package com.chirpchat.archfixture.framework;

/** Fixture: a "core" class that reaches for JDBC. */
public class UsesJdbc {
    public java.sql.Connection connection() {
        return null;
    }
}
