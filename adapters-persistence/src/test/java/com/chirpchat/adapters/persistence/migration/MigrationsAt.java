package com.chirpchat.adapters.persistence.migration;

import com.chirpchat.adapters.persistence.db.DbSettings;

/** For tests: the production migrations, stopped at an older version, to build a database as an older server left it. */
public final class MigrationsAt {
    private MigrationsAt() {
    }

    /** Applies the scripts up to and including {@code version}; returns how many ran. */
    public static int migrateTo(DbSettings settings, String version) {
        return Migrations.configuration(settings).target(version).load().migrate().migrationsExecuted;
    }
}
