package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit trail while the catalog database ends the server's connections again and again (what a restart of the
 * database does to them): every read that answered has its entry, none has two, and the hash chain holds; and once
 * the database is back, no request fails on a connection it ended.
 */
@ExtendWith({ItDatabase.class, ArquillianExtension.class})
@RunAsClient
class CatalogConnectionsKilledAuditIT {
    private static final String READ = "query($id: ID) { asset(id: $id) { name } }";
    private static final int READERS = 4;
    private static final Duration LOAD = Duration.ofSeconds(15);
    private static final int WARM_UP = 200;

    private final GraphQlClient graphql = new GraphQlClient();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.lakehouseEar();
    }

    @Test
    void readsWhileTheCatalogsConnectionsAreKilledEachLeaveOneEntryAndTheChainHolds() throws Exception {
        String id = graphql.data(
                        "mutation { createAsset(input: {namespace: \"catalog_kill\", name: \"audited\"}) { id } }")
                .get("createAsset")
                .get("id")
                .asText();
        // How many entries one read writes, measured before the connections are killed (and how long a read takes
        // once warm).
        for (int i = 0; i < WARM_UP; i++) {
            graphql.data(READ, Map.of("id", id));
        }
        long before = System.nanoTime();
        for (int i = 0; i < WARM_UP; i++) {
            graphql.data(READ, Map.of("id", id));
        }
        System.out.printf(
                "CatalogConnectionsKilledAuditIT: %.2f ms a read before the kills%n",
                (System.nanoTime() - before) / 1e6 / WARM_UP);
        long perRead = successEntries(id) / (2 * WARM_UP);
        assertThat(perRead).as("entries of one read").isPositive();

        AtomicBoolean going = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger(2 * WARM_UP);
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger killed = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(READERS + 1);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(threads.submit(() -> {
                    while (going.get()) {
                        try {
                            JsonNode response = graphql.execute(READ, Map.of("id", id));
                            if (response.has("errors")) {
                                failed.incrementAndGet();
                            } else {
                                answered.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            Future<?> killer = threads.submit(() -> {
                while (going.get()) {
                    killed.addAndGet(killCatalogConnections());
                    Thread.sleep(250);
                }
                return null;
            });
            Instant end = Instant.now().plus(LOAD);
            while (Instant.now().isBefore(end)) {
                Thread.sleep(200);
            }
            going.set(false);
            killer.get(30, TimeUnit.SECONDS);
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
        } finally {
            going.set(false);
            threads.shutdownNow();
        }

        // The database is back: what a restart of it leaves is a pool of dead connections, none of which may fail a
        // request (each is validated when it is handed out).
        killCatalogConnections();
        int failedAfter = 0;
        for (int i = 0; i < 10; i++) {
            JsonNode response = graphql.execute(READ, Map.of("id", id));
            if (response.has("errors")) {
                failedAfter++;
            } else {
                answered.incrementAndGet();
            }
        }
        System.out.println("CatalogConnectionsKilledAuditIT: " + answered + " answered, " + failed + " failed, "
                + killed + " connections killed; after the last kill " + failedAfter + " of 10 reads failed");
        assertThat(killed.get()).as("connections killed").isPositive();
        assertThat(failedAfter).as("reads that failed after the last kill").isZero();
        JsonNode chain = chain();
        assertThat(chain).as("auditChain after the last kill").isNotNull();
        assertThat(chain.get("data").get("auditChain").get("intact").asBoolean())
                .as("%s", chain)
                .isTrue();
        // A read that failed may still have its entries on the trail (its append committed but could not be
        // confirmed, docs/security.md), so the count is bounded, not exact: every answered read's entries are there
        // (nothing lost), and no more than the failed reads could add (nothing written twice).
        long entries = successEntries(id);
        assertThat(entries)
                .as(
                        "SUCCESS entries: at least %d per answered read (nothing lost) for %d answered reads"
                                + " (%d failed, %d connections killed)",
                        perRead, answered.get(), failed.get(), killed.get())
                .isGreaterThanOrEqualTo(perRead * answered.get());
        assertThat(entries)
                .as(
                        "SUCCESS entries: at most %d per read answered or failed (nothing written twice) for %d"
                                + " answered and %d failed reads",
                        perRead, answered.get(), failed.get() + failedAfter)
                .isLessThanOrEqualTo(perRead * (answered.get() + failed.get() + failedAfter));
    }

    /** The chain's check, or null while the server fails it. */
    private JsonNode chain() {
        try {
            JsonNode response = graphql.execute("{ auditChain { intact firstBrokenEntryId } }");
            return response.has("errors") ? null : response;
        } catch (Exception e) {
            return null;
        }
    }

    /** Terminates every connection of the server to the catalog database. */
    private static int killCatalogConnections() throws Exception {
        try (Connection db = ItDatabase.connect();
                Statement kill = db.createStatement();
                ResultSet killed = kill.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        + " AND backend_type = 'client backend'")) {
            killed.next();
            return killed.getInt(1);
        }
    }

    private static long successEntries(String id) throws Exception {
        return Long.parseLong(ItDatabase.rows(
                        "SELECT count(*) FROM lakehouse.audit_logs WHERE resource_id = ? AND action = 'READ'"
                                + " AND outcome = 'SUCCESS'",
                        id)
                .get(0)
                .get(0));
    }
}
