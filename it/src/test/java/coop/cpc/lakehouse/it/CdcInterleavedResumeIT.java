package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A stream that resumes while a source transaction is open across the last COMMIT the catalog holds
 * loses none of that transaction's changes: the shape of the failed CdcStreamIT run of 2026-12-05 (a
 * heartbeat committed in the middle of a workload transaction, the walsender terminated). Its own source
 * database, so that only this stream writes WAL there and a change can be placed right where the stored
 * COMMIT ends (where Debezium 3.6's WAL search took it for the stored change, debezium/dbz#76).
 */
class CdcInterleavedResumeIT extends CdcStreamFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 20;

    @RegisterExtension
    static final CdcSourceExtension SOURCE = CdcSourceExtension.forClass("it-cdc-interleaved-source");

    @Test
    void aTransactionOpenAcrossTheStoredCommitArrivesWholeAfterTheStreamResumes() throws Exception {
        CdcSource.execute("CREATE TABLE public.interleaved (id integer PRIMARY KEY, v text)");
        CdcStreams.OneTableStream stream = streams.createOf("interleaved_it", "public.interleaved", "cdcit");
        // The initial snapshot committed: the stream has a stored offset.
        streams.awaitEqual(stream.assetId(), "public.interleaved");
        boolean placed = false;
        List<String> tried = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < ATTEMPTS && !placed; attempt++) {
            int base = attempt * 10;
            try (Connection open = CdcSource.connect();
                    Connection other = CdcSource.connect()) {
                open.setAutoCommit(false);
                insert(open, base + 1, base + 2, base + 3);
                // Another transaction commits while the first is open, and the first writes on right after it.
                insert(other, base + 9);
                long committed = insertLsn(other);
                long next = insertLsn(open);
                if (next == committed) {
                    insert(open, base + 4, base + 5);
                }
                // Stop as soon as the catalog holds that commit, before a heartbeat's commit follows it.
                awaitStoredCommit(stream.id(), committed);
                setState(stream.id(), "stopCdcStream", "STOPPED");
                long stored = storedCommitLsn(stream.id());
                tried.add(Long.toHexString(committed) + "/" + Long.toHexString(next) + "/" + Long.toHexString(stored));
                placed = next == committed && stored == committed;
                if (next != committed) {
                    insert(open, base + 4, base + 5);
                }
                open.commit();
            }
            setState(stream.id(), "startCdcStream", "RUNNING");
            streams.awaitEqual(stream.assetId(), "public.interleaved");
        }
        assertThat(placed)
                .as(
                        "a change placed where the stored COMMIT ends, in %s attempts (commit/next change/stored: %s)",
                        ATTEMPTS, tried)
                .isTrue();
    }

    private static void insert(Connection c, int... ids) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO public.interleaved VALUES (?, ?)")) {
            for (int id : ids) {
                s.setInt(1, id);
                s.setString(2, "v" + id);
                s.executeUpdate();
            }
        }
    }

    private void setState(String streamId, String mutation, String state) throws Exception {
        graphql.data("mutation($id: ID!) { " + mutation + "(id: $id) { id } }", Map.of("id", streamId));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!streams.stream("interleaved_it").get("state").asText().equals(state)) {
            assertThat(Instant.now()).as("stream state %s", state).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** The LSN of the COMMIT the catalog's stored offset names, once the stopped stream wrote its last. */
    private static long storedCommitLsn(String streamId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        long previous = -1;
        while (true) {
            long current = storedCommitLsnNow(streamId);
            if (current >= 0 && current == previous) {
                return current;
            }
            assertThat(Instant.now()).as("a stored offset at a COMMIT").isBefore(deadline);
            previous = current;
            Thread.sleep(500);
        }
    }

    private static long storedCommitLsnNow(String streamId) throws Exception {
        try (Connection db = ItDatabase.connect();
                PreparedStatement s = db.prepareStatement(
                        "SELECT offsets::text FROM lakehouse.cdc_offsets WHERE connector_name = ?")) {
            s.setString(1, streamId);
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? JSON.readTree(r.getString(1)).path("lsn_commit").asLong(-1)
                        : -1;
            }
        }
    }

    /** Waits until the stored offset's COMMIT is at or past {@code lsn}. */
    private static void awaitStoredCommit(String streamId, long lsn) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (storedCommitLsnNow(streamId) < lsn) {
            assertThat(Instant.now())
                    .as("the stream's stored offset reaching %s", lsn)
                    .isBefore(deadline);
            Thread.sleep(10);
        }
    }

    private static long insertLsn(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn")) {
            r.next();
            return ((BigDecimal) r.getObject(1)).longValue();
        }
    }
}
