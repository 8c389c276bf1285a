package com.chirpchat.adapters.persistence.migration;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;

import com.chirpchat.adapters.persistence.db.DbSettings;
import com.chirpchat.adapters.persistence.db.PersistenceException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway at start-up. The scripts are named here and read by this module
 * itself: on the module path Flyway's class-path scanner finds them in the jar but cannot open them (the
 * package is encapsulated; it fails with "Unable to obtain inputstream for resource"). {@code MigrationsListedTest}
 * keeps this list and the resource folder in step.
 */
public final class Migrations {
    /** Every migration script, in the resource folder next to this class. */
    public static final List<String> SCRIPTS = List.of(
            "V1__create_schema.sql",
            "V2__media_reports_and_deletions.sql",
            "V3__housekeeping_indexes.sql",
            "V4__sessions.sql",
            "V5__media_file_names.sql",
            "V6__media_indexes_partial.sql");

    private static final System.Logger LOG = System.getLogger(Migrations.class.getName());

    private Migrations() {
    }

    /** Applies the scripts the database has not seen yet; returns how many that was. */
    public static int migrate(DbSettings settings) {
        try {
            MigrateResult result = configuration(settings).load().migrate();
            LOG.log(Level.INFO, "Database schema at version {0} ({1} migration(s) applied now)",
                    result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                    result.migrationsExecuted);
            return result.migrationsExecuted;
        } catch (RuntimeException e) {
            // FlywayException, or whatever the driver threw on the way
            throw new PersistenceException("database migration failed on " + settings.redactedUrl(), e);
        }
    }

    /**
     * What differs between the databases in the scripts: PostgreSQL's partial index filters (H2 has no partial
     * indexes, so there they are empty).
     */
    static Map<String, String> placeholders(DbSettings settings) {
        boolean partial = !settings.embedded();
        return Map.of("mediaAssetKeyFilter", partial ? " WHERE media_asset_key IS NOT NULL" : "",
                      "mediaStatusFilter", partial ? " WHERE media_status IS NOT NULL" : "");
    }

    /** Flyway set up for this module's scripts; tests use it to stop at an older version ({@code target}). */
    static FluentConfiguration configuration(DbSettings settings) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(new DriverDataSource(settings))
                // both providers given: Flyway then creates no scanner at all
                .resourceProvider(new ModuleResources(Migrations.class, SCRIPTS))
                .javaMigrationClassProvider(List::of)
                .placeholders(placeholders(settings))
                .cleanDisabled(true);
    }
}
