package io.keyframe.platform.db;

import io.keyframe.platform.config.KeyframeSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Applies the Liquibase changelogs of {@code db-changelog/} at start-up, before anything else
 * touches the database. If the database cannot be reached, start-up goes on (readiness stays
 * DOWN) and the migration is retried every few seconds; {@link SchemaReady} is fired once it has
 * been applied.
 *
 * <p>Reading {@link KeyframeSettings} here first makes a bad configuration value stop the
 * application before it does anything.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrations {

    /** The changelog path is recorded in {@code databasechangelog}: it must never change. */
    static final String CHANGELOG = "db-changelog/db.changelog-master.xml";
    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());
    private static final long RETRY_SECONDS = 5;

    @Resource(lookup = "jdbc/keyframe")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    KeyframeSettings settings;

    @Inject
    Event<SchemaReady> schemaReady;

    private volatile boolean applied;
    private volatile String lastError = "not yet attempted";
    private ScheduledFuture<?> retry;

    @PostConstruct
    void start() {
        LOG.info(() -> "Keyframe starting: recording root " + settings.recordingRoot()
                + ", segments of " + settings.segmentDuration().toSeconds() + " s");
        if (!migrate()) {
            retry = scheduler.scheduleWithFixedDelay(this::retry, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void retry() {
        if (!applied && migrate() && retry != null) {
            retry.cancel(false);
        }
    }

    private synchronized boolean migrate() {
        if (applied) {
            return true;
        }
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            try (Liquibase liquibase = new Liquibase(CHANGELOG,
                    new ClassLoaderResourceAccessor(getClass().getClassLoader()), database)) {
                liquibase.update();
            }
            applied = true;
            lastError = null;
            LOG.info("database schema is up to date");
        } catch (Exception e) {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.log(Level.WARNING, "database migration failed, retrying in " + RETRY_SECONDS + " s: " + lastError);
            return false;
        }
        schemaReady.fire(new SchemaReady());
        return true;
    }

    public boolean isApplied() {
        return applied;
    }

    /** Why the schema is not applied yet, or {@code null}. */
    public String lastError() {
        return lastError;
    }

    @PreDestroy
    void stop() {
        if (retry != null) {
            retry.cancel(false);
        }
    }
}
