package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A stream stops with a clear error instead of losing changes or the server's heap:
 *
 * <ul>
 *   <li>a running stream's slot replaced while Debezium restarts its task after a retriable error (the walsender
 *       terminated) is not streamed from: the new slot starts past the stream's committed position, so the
 *       changes written while no slot held the WAL would be skipped silently. Debezium reads the offset again for
 *       that restart without the host's start check; the offset store's own check refuses it;
 *   <li>a source transaction larger than {@code cdc_max_transaction_changes} (the IT server's is {@value #LIMIT},
 *       arquillian.xml) is not held in the server's heap: the stream stops with an error that names the key and
 *       the transaction, and nothing of that transaction reaches the asset, while every transaction committed
 *       before it does; it stays FAILED (not started again to stop at the same transaction), logged once;
 *   <li>a database that holds a lakehouse catalog (another install's) is refused as a source, as for table sources.
 * </ul>
 *
 * Their own source database (each test its own table and stream), so that only these streams' slots are dropped
 * and created and the stream's retries of the large transaction load no other test's source.
 */
class CdcSafeguardsIT extends DeployedEarFixture {
    /** The IT server's cdc_max_transaction_changes (arquillian.xml). */
    static final int LIMIT = 25_000;

    @RegisterExtension
    static final CdcSourceExtension SOURCE = CdcSourceExtension.forClass("it-cdc-safeguards-source");

    private final CdcStreams streams = new CdcStreams(graphql);

    @Test
    void aSlotCreatedAgainWhileTheEngineRetriesIsRefusedInsteadOfSkippingChanges() throws Exception {
        CdcSource.execute(
                "CREATE TABLE public.watched (id integer PRIMARY KEY, v text)",
                "INSERT INTO public.watched SELECT g, 'first ' || g FROM generate_series(1, 10) g");
        CdcStreams.OneTableStream stream = streams.createOf("slot_check_it", "public.watched", "cdcslot");
        try {
            streams.awaitEqual(stream.assetId(), "public.watched");

            assertThat(CdcStreamIT.terminateWalsender(stream.slot()))
                    .as("walsender of %s terminated", stream.slot())
                    .isPositive();
            dropWhenInactive(stream.slot());
            // Written while no slot holds the WAL: only a stream that resumed from its committed position has them.
            CdcSource.execute("INSERT INTO public.watched SELECT g, 'unslotted ' || g FROM generate_series(11, 20) g");
            CdcSource.execute("SELECT pg_create_logical_replication_slot('" + stream.slot() + "', 'pgoutput')");
            CdcSource.execute("INSERT INTO public.watched SELECT g, 'later ' || g FROM generate_series(21, 30) g");

            String error = streams.awaitLastError("slot_check_it", "moved past", Duration.ofSeconds(180));
            System.out.println("CdcSafeguardsIT lastError: " + error);
            assertThat(error).contains("replication slot " + stream.slot());
            assertThat(runs.allRows(stream.assetId()))
                    .as("nothing streamed from the new slot")
                    .hasSize(10)
                    .allSatisfy(row -> assertThat(row.get(1)).startsWith("first "));
        } finally {
            graphql.data(
                    "mutation($id: ID!) { deleteCdcStream(id: $id, dropSlot: true) { id } }",
                    Map.of("id", stream.id()));
        }
    }

    @Test
    void aTransactionBeyondTheLimitStopsTheStreamNamingTheKeyAndAppliesNothingOfIt() throws Exception {
        CdcSource.execute("CREATE TABLE public.big (id integer PRIMARY KEY, v text)");
        CdcStreams.OneTableStream stream = streams.createOf("large_tx_it", "public.big", "cdcbig");
        try {
            streams.awaitEqual(stream.assetId(), "public.big");
            CdcSource.execute("INSERT INTO public.big SELECT g, 'before ' || g FROM generate_series(1, 100) g");
            streams.awaitEqual(stream.assetId(), "public.big");

            // The server's log outlives a run (WildFly appends to server.log): only what this transaction makes it
            // write counts.
            int logLinesBefore = ItServer.mainLogLines().size();
            long txid;
            try (Connection c = CdcSource.connect();
                    Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.executeUpdate("INSERT INTO public.big SELECT g, 'large ' || g FROM generate_series(101, "
                        + (100 + LIMIT + 1) + ") g");
                try (ResultSet r = s.executeQuery("SELECT txid_current()")) {
                    r.next();
                    txid = r.getLong(1);
                }
                c.commit();
            }

            String error =
                    streams.awaitLastError("large_tx_it", "cdc_max_transaction_changes", Duration.ofSeconds(180));
            assertThat(error)
                    .contains("source transaction " + txid + ":")
                    .contains("more than " + LIMIT + " changes")
                    .contains("cdc_max_transaction_changes");
            assertThat(runs.allRows(stream.assetId()))
                    .as("only the transaction before the large one")
                    .hasSize(100)
                    .allSatisfy(row -> assertThat(row.get(1)).startsWith("before "));

            // Starting again would stop at the same transaction: the stream stays FAILED, logged once.
            Thread.sleep(5_000);
            assertThat(streams.stream("large_tx_it").get("state").asText()).isEqualTo("FAILED");
            List<String> allLines = ItServer.mainLogLines();
            assertThat(allLines.subList(Math.min(logLinesBefore, allLines.size()), allLines.size()).stream()
                            .filter(line -> line.contains("CDC stream large_tx_it failed")))
                    .as("the stream's failure lines in the server log (1 s and 2 s back-offs passed)")
                    .hasSize(1)
                    .allSatisfy(line -> assertThat(line).contains("stays FAILED until restartCdcStream"));
        } finally {
            graphql.data(
                    "mutation($id: ID!) { deleteCdcStream(id: $id, dropSlot: true) { id } }",
                    Map.of("id", stream.id()));
        }
    }

    @Test
    void aDatabaseHoldingALakehouseCatalogIsRefusedAsASource() throws Exception {
        CdcSource.execute(
                "CREATE TABLE public.catalog_neighbour (id integer PRIMARY KEY)",
                "CREATE SCHEMA lakehouse",
                "CREATE TABLE lakehouse.audit_logs (id bigint PRIMARY KEY)");
        try {
            JsonNode refused = graphql.execute(
                    "mutation($input: CdcStreamInput!) { createCdcStream(input: $input) { id } }",
                    Map.of("input", CdcStreams.input("catalog_it", List.of("public.catalog_neighbour"), "cdccat")));
            assertThat(GraphQlClient.message(refused))
                    .contains("url: database " + CdcSource.DATABASE + " holds a lakehouse catalog");
            assertThat(graphql.data("{ cdcStreams { name } }").get("cdcStreams").findValuesAsText("name"))
                    .doesNotContain("catalog_it");
        } finally {
            CdcSource.execute("DROP SCHEMA lakehouse CASCADE", "DROP TABLE public.catalog_neighbour");
        }
    }

    @Test
    void aSlotLeftOnTheSourceIsRefusedForANewStreamUntilDropped() throws Exception {
        CdcSource.execute("CREATE TABLE public.orphaned (id integer PRIMARY KEY, v text)");
        // As a stream deleted without dropSlot leaves its slot (the default prefix, arquillian.xml sets none).
        String slot = "lakehouse_cdc_orphan_it";
        CdcSource.execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        try {
            JsonNode refused = graphql.execute(
                    "mutation($input: CdcStreamInput!) { createCdcStream(input: $input) { id } }",
                    Map.of("input", CdcStreams.input("orphan_it", List.of("public.orphaned"), "cdcorphan")));
            assertThat(refused.has("errors")).as("refused: %s", refused).isTrue();
            assertThat(GraphQlClient.message(refused))
                    .startsWith("name: the replication slot " + slot + " of this name exists on the source (database "
                            + CdcSource.DATABASE + ") and no stream of this catalog holds it")
                    .contains("SELECT pg_drop_replication_slot('" + slot + "')");
            assertThat(graphql.data("{ cdcStreams { name } }").get("cdcStreams").findValuesAsText("name"))
                    .doesNotContain("orphan_it");
            assertThat(graphql.data("{ assets(namespace: \"cdcorphan\") { nodes { name } } }")
                            .toString())
                    .doesNotContain("orphaned");

            CdcSource.execute("SELECT pg_drop_replication_slot('" + slot + "')");
            CdcStreams.OneTableStream stream = streams.createOf("orphan_it", "public.orphaned", "cdcorphan");
            assertThat(stream.slot()).isEqualTo(slot);
        } finally {
            // Also a stream created on the slot (the check missing): its engine lets go of the slot as it stops.
            for (JsonNode s : graphql.data("{ cdcStreams { id name } }").get("cdcStreams")) {
                if (s.get("name").asText().equals("orphan_it")) {
                    graphql.data(
                            "mutation($id: ID!) { deleteCdcStream(id: $id, dropSlot: true) { id } }",
                            Map.of("id", s.get("id").asText()));
                }
            }
            CdcSource.execute(
                    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot
                            + "'",
                    "DROP TABLE public.orphaned");
        }
    }

    /** Drops the slot as soon as no walsender holds it (the terminated one lets go within moments). */
    private static void dropWhenInactive(String slot) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try (Connection c = CdcSource.connect();
                    PreparedStatement s = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                s.setString(1, slot);
                s.execute();
                return;
            } catch (SQLException active) {
                assertThat(Instant.now())
                        .as("slot %s inactive: %s", slot, active.getMessage())
                        .isBefore(deadline);
                Thread.sleep(20);
            }
        }
    }
}
