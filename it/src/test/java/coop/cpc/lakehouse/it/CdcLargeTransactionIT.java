package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A source transaction larger than {@code cdc_max_transaction_changes} (the IT server's is
 * {@value #LIMIT}, arquillian.xml) is not held in the server's heap: the stream stops with an error that
 * names the key and the transaction, and nothing of that transaction reaches the asset, while every
 * transaction committed before it does. Its own source database, so that the stream's retries of the large
 * transaction load no other test's source.
 */
@ExtendWith({ItDatabase.class, ArquillianExtension.class})
@RunAsClient
class CdcLargeTransactionIT {
    /** The IT server's cdc_max_transaction_changes (arquillian.xml). */
    static final int LIMIT = 25_000;

    @RegisterExtension
    static final CdcSourceExtension SOURCE = CdcSourceExtension.forClass("it-cdc-large-tx-source");

    private final GraphQlClient graphql = new GraphQlClient();
    private final CdcStreams streams = new CdcStreams(graphql);
    private final IngestionRuns runs = new IngestionRuns(graphql);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.lakehouseEar();
    }

    @Test
    void aTransactionBeyondTheLimitStopsTheStreamNamingTheKeyAndAppliesNothingOfIt() throws Exception {
        CdcSource.execute("CREATE TABLE public.big (id integer PRIMARY KEY, v text)");
        JsonNode stream = streams.create("large_tx_it", List.of("public.big"), "cdcbig");
        String streamId = stream.get("id").asText();
        String assetId = stream.get("tables").get(0).get("assetId").asText();
        try {
            streams.awaitEqual(assetId, "public.big");
            CdcSource.execute("INSERT INTO public.big SELECT g, 'before ' || g FROM generate_series(1, 100) g");
            streams.awaitEqual(assetId, "public.big");

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

            String error = awaitLastError("large_tx_it", Duration.ofSeconds(180));
            assertThat(error)
                    .contains("source transaction " + txid + ":")
                    .contains("more than " + LIMIT + " changes")
                    .contains("cdc_max_transaction_changes");
            assertThat(runs.allRows(assetId))
                    .as("only the transaction before the large one")
                    .hasSize(100)
                    .allSatisfy(row -> assertThat(row.get(1)).startsWith("before "));
        } finally {
            graphql.data(
                    "mutation($id: ID!) { deleteCdcStream(id: $id, dropSlot: true) { id } }", Map.of("id", streamId));
        }
    }

    private String awaitLastError(String name, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode s = streams.stream(name);
            String error = s.path("lastError").isTextual() ? s.get("lastError").asText() : null;
            if (error != null && error.contains("cdc_max_transaction_changes")) {
                return error;
            }
            assertThat(Instant.now())
                    .as(
                            "stream %s stopping on the large transaction (state %s, lastError %s)",
                            name, s.get("state"), error)
                    .isBefore(deadline);
            Thread.sleep(500);
        }
    }
}
