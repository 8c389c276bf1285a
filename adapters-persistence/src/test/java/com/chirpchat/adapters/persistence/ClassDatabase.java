package com.chirpchat.adapters.persistence;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database and one instance on it, shared by the tests of a class: put it in a static field with
 * {@code @RegisterExtension}. It is opened before the class's tests (and its {@code @BeforeAll} methods) and
 * closed after them: the instance, then the database.
 */
final class ClassDatabase implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<TestDatabase> create;
    private TestDatabase database;
    private Persistence persistence;

    private ClassDatabase(Supplier<TestDatabase> create) {
        this.create = create;
    }

    /** A fresh PostgreSQL database for the class. */
    static ClassDatabase postgres() {
        return new ClassDatabase(PostgresTestDatabase::create);
    }

    /** An embedded H2 database in a temporary data directory, removed after the class. */
    static ClassDatabase h2() {
        return new ClassDatabase(H2TestDatabase::temporary);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database = create.get();
        try {
            persistence = database.open();
        } catch (RuntimeException | Error e) {
            database.close();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database == null) {
            return;
        }
        try {
            if (persistence != null) {
                persistence.close();
            }
        } finally {
            database.close();
        }
    }

    TestDatabase database() {
        return database;
    }

    Persistence persistence() {
        return persistence;
    }

    JdbcStore store() {
        return persistence.store();
    }
}
