package com.chirpchat.adapters.persistence;

/**
 * A database and one instance on it, shared by the tests of a class (opened in {@code @BeforeAll}); closing it
 * closes the instance, then removes the database.
 */
record ClassDatabase(TestDatabase database, Persistence persistence) implements AutoCloseable {
    /** Opens an instance on {@code database}; when that fails, the database is removed again. */
    static ClassDatabase open(TestDatabase database) {
        try {
            return new ClassDatabase(database, database.open());
        } catch (RuntimeException | Error e) {
            database.close();
            throw e;
        }
    }

    JdbcStore store() {
        return persistence.store();
    }

    @Override
    public void close() {
        try {
            persistence.close();
        } finally {
            database.close();
        }
    }
}
