package coop.cpc.lakehouse.ingest.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.ingest.record.CollectingSink;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A keyless table is resumed by skipping the rows already read, which holds only if every COPY starts at the
 * table's first block. PostgreSQL lets a sequential scan of a table larger than a quarter of
 * {@code shared_buffers} join another scan of it mid-table ({@code synchronize_seqscans}): this server's
 * 1 MB of shared buffers makes the 40,000-row table (about 700 blocks) large enough for that.
 */
class KeylessRestartScanTest {
    private static final int ROWS = 40_000;

    @RegisterExtension
    static final ScriptedPostgres postgres = new ScriptedPostgres(
                    "CREATE TABLE public.keyless (v int, pad text)",
                    "INSERT INTO public.keyless SELECT g, repeat('x', 100) FROM generate_series(1, " + ROWS + ") g")
            .withServerConfig("shared_buffers", "1MB");

    @Test
    void aRestartedReadSkipsExactlyTheRowsReadWhileAnotherScanIsMidTable() throws Exception {
        CollectingSink resumed = new CollectingSink();
        try (Connection other = postgres.connect();
                Connection c = postgres.connect()) {
            other.setAutoCommit(false);
            try (Statement scan = other.createStatement()) {
                // Another session's scan, paused in the middle of the table.
                scan.execute("DECLARE mid CURSOR FOR SELECT v FROM public.keyless");
                scan.execute("FETCH FORWARD " + ROWS / 2 + " FROM mid");

                PostgresTableSource source =
                        PostgresTableSource.open(c, QualifiedTableName.parse("public.keyless"), List.of());
                ReadPosition end = source.read(new ReadPosition(3, List.of()), resumed);

                assertThat(end.rowsRead()).isEqualTo(ROWS);
            }
            other.rollback();
        }
        assertThat(resumed.rows).hasSize(ROWS - 3);
        assertThat(resumed.rows.get(0)[0])
                .as("the first row after the three read")
                .isEqualTo(4);
        assertThat(resumed.rows.get(ROWS - 4)[0]).isEqualTo(ROWS);
    }
}
