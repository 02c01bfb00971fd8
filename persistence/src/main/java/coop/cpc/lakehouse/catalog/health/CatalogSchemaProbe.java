package coop.cpc.lakehouse.catalog.health;

import coop.cpc.lakehouse.catalog.migration.CatalogMigrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * Asks the catalog database for its schema version (the newest applied migration) on a thread of its
 * own, and waits for the answer at most {@code bound}: a hung database (one that accepted the connection and then
 * says nothing) blocks a JDBC read with no socket timeout for ever, and the statement's query timeout cannot help,
 * as its cancel request needs the server to act. The caller (a readiness request, the deployment) gets a {@link
 * CatalogNotAnsweringException} in time instead. At most one question is in flight: while one waits, the next
 * callers are told at once how long it has waited, so a hung database holds one thread, not one per probe.
 */
public final class CatalogSchemaProbe {
    private static final String CURRENT_VERSION = "SELECT version FROM " + CatalogMigrations.SCHEMA
            + ".flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1";

    private final Duration bound;
    private final Clock clock;
    private final AtomicReference<Question> inFlight = new AtomicReference<>();

    private record Question(CompletableFuture<Optional<String>> answer, Instant asked) {}

    public CatalogSchemaProbe(Duration bound) {
        this(bound, Clock.systemUTC());
    }

    CatalogSchemaProbe(Duration bound, Clock clock) {
        this.bound = bound;
        this.clock = clock;
    }

    /**
     * @return the newest applied migration's version, empty when none is
     * @throws CatalogNotAnsweringException no answer within the bound, or an earlier question still waits
     * @throws SQLException the database's own error
     */
    public Optional<String> schemaVersion(DataSource dataSource) throws SQLException {
        Question waiting = inFlight.get();
        if (waiting != null && !waiting.answer().isDone()) {
            throw new CatalogNotAnsweringException(
                    "catalog database has not answered for "
                            + Duration.between(waiting.asked(), clock.instant()).toSeconds()
                            + " s (no other question is asked until it does)",
                    true);
        }
        Question question = new Question(new CompletableFuture<>(), clock.instant());
        if (!inFlight.compareAndSet(waiting, question)) {
            question = inFlight.get();
        } else {
            ask(question, dataSource);
        }
        try {
            return question.answer().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CatalogNotAnsweringException(
                    "catalog database did not answer within " + bound.toSeconds() + " s", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogNotAnsweringException("interrupted while waiting for the catalog database", false);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new SQLException("catalog database probe failed: " + cause, cause);
        }
    }

    private static void ask(Question question, DataSource dataSource) {
        Thread asking = new Thread(
                () -> {
                    try {
                        question.answer().complete(query(dataSource, CatalogReadinessCheck.QUERY_TIMEOUT_SECONDS));
                    } catch (Throwable e) {
                        question.answer().completeExceptionally(e);
                    }
                },
                "lakehouse-catalog-probe");
        asking.setDaemon(true);
        asking.start();
    }

    /** The newest applied migration's version, empty when none is, asked on this thread with a query timeout. */
    static Optional<String> query(DataSource dataSource, int queryTimeoutSeconds) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.setQueryTimeout(queryTimeoutSeconds);
            try (ResultSet rows = sql.executeQuery(CURRENT_VERSION)) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }
}
