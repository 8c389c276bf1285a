/**
 * Every storage out-port of the application on Helidon DbClient (JDBC, Hikari pool): PostgreSQL in production,
 * an embedded H2 file as the zero-setup default; Flyway migrates the schema at start-up. Only {@code bootstrap}
 * sees the entry point ({@link com.chirpchat.adapters.persistence.Persistence}).
 */
module com.chirpchat.adapters.persistence {
    requires transitive com.chirpchat.application;
    requires transitive io.helidon.config;
    requires transitive io.helidon.dbclient;
    // the JDBC client and its Hikari pool are found by ServiceLoader; requiring them puts them in the boot layer
    requires io.helidon.dbclient.jdbc;
    requires io.helidon.dbclient.hikari;
    requires java.sql;
    requires flyway.core;
    // flyway.core is an automatic module, so it cannot say that it needs Jackson (it copies its configuration with
    // it); without this the module path resolves no Jackson and Flyway fails with NoClassDefFoundError
    requires com.fasterxml.jackson.databind;

    exports com.chirpchat.adapters.persistence to com.chirpchat.bootstrap;
}
