package coop.cpc.lakehouse.ingest.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import coop.cpc.lakehouse.ingest.record.CollectingSink;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresRowReaderTest {
    /** Large enough that the COPY is still streaming when a reader is closed after a few rows. */
    private static final int BIG_ROWS = 200_000;

    @RegisterExtension
    static final ScriptedPostgres postgres = new ScriptedPostgres(
            "CREATE TABLE public.big (id bigint PRIMARY KEY, label text)",
            "INSERT INTO public.big SELECT g, 'row ' || g FROM generate_series(1, " + BIG_ROWS + ") g",
            "CREATE TABLE public.medium (id bigint PRIMARY KEY, label text, at timestamptz, payload bytea)",
            "INSERT INTO public.medium SELECT g, 'row ' || g, timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second', "
                    + "decode(lpad(to_hex(g), 8, '0'), 'hex') FROM generate_series(1, 5000) g",
            "CREATE TABLE public.pairs (a int, b text, v int, PRIMARY KEY (b, a))",
            "INSERT INTO public.pairs SELECT g % 7, 'k' || (g % 11) || ' ''q', g FROM generate_series(1, 77) g",
            "CREATE TABLE public.no_key (v text, n int)",
            "INSERT INTO public.no_key SELECT 'v' || g, g FROM generate_series(1, 40) g",
            "CREATE TABLE public.long_keys (k text PRIMARY KEY)",
            // Keys of 1 to 300 bytes in an order that alternates long and short ones.
            "INSERT INTO public.long_keys SELECT lpad(g::text, 1 + (g * 37) % 300, 'k') FROM generate_series(1, 300) g",
            "CREATE TABLE public.events (id int PRIMARY KEY, happened_at timestamptz)",
            "INSERT INTO public.events SELECT g, CASE WHEN g % 3 = 0 THEN 'infinity'::timestamptz "
                    + "ELSE timestamptz '2026-01-01 00:00:00+00' + g * interval '1 day' END FROM generate_series(1, 20) g");

    /** A test run on each of the tables that read differently: by a key, by two keys, without key, with rejects. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ParameterizedTest
    @ValueSource(strings = {"medium", "pairs", "no_key", "events"})
    @interface OnEachTableShape {}

    @OnEachTableShape
    void readingInPullsEqualsThePushRead(String table) throws Exception {
        CollectingSink pushed = new CollectingSink();
        CollectingSink pulled = new CollectingSink();
        try (Connection c = connect()) {
            PostgresTableSource source = open(c, table);
            ReadPosition pushEnd = source.read(ReadPosition.START, pushed);
            ReadPosition pullEnd;
            long calls = 0;
            try (PostgresRowReader reader = source.open(ReadPosition.START)) {
                while (reader.readNext(pulled)) {
                    calls++;
                    assertThat(pulled.rows.size() + pulled.rejects.size())
                            .as("one row or one reject per call")
                            .isEqualTo(calls);
                }
                assertThat(reader.rows()).isEqualTo(pulled.rows.size());
                assertThat(reader.rejected()).isEqualTo(pulled.rejects.size());
                pullEnd = reader.position();
            }
            assertThat(pullEnd).isEqualTo(pushEnd);
        }
        assertThat(texts(pulled.rows)).containsExactlyElementsOf(texts(pushed.rows));
        assertThat(pulled.rejects).containsExactlyElementsOf(pushed.rejects);
    }

    @OnEachTableShape
    void closingMidStreamThenReopeningFromThePositionYieldsEveryRowOnce(String table) throws Exception {
        CollectingSink all = new CollectingSink();
        CollectingSink stitched = new CollectingSink();
        try (Connection c = connect()) {
            PostgresTableSource source = open(c, table);
            source.read(ReadPosition.START, all);
            long total = all.rows.size() + all.rejects.size();
            // Pieces of growing, uneven sizes, then the rest.
            int[] pieces = table.equals("medium") ? new int[] {1, 2, 997, 1500} : new int[] {1, 2, 3, 5, 8, 13};
            ReadPosition at = ReadPosition.START;
            int piece = 0;
            boolean more = true;
            while (more) {
                long want = piece < pieces.length ? pieces[piece++] : Long.MAX_VALUE;
                try (PostgresRowReader reader = source.open(at)) {
                    long got = 0;
                    while (got < want && (more = reader.readNext(stitched))) {
                        got++;
                    }
                    at = reader.position();
                }
            }
            assertThat(at.rowsRead()).isEqualTo(total);
        }
        assertThat(texts(stitched.rows)).containsExactlyElementsOf(texts(all.rows));
        assertThat(stitched.rejects).containsExactlyElementsOf(all.rejects);
    }

    @Test
    void theConnectionIsUsableAfterAnEarlyClose() throws Exception {
        try (Connection c = connect()) {
            PostgresTableSource source = open(c, "big", "id");
            CollectingSink first = new CollectingSink();
            try (PostgresRowReader reader = source.open(ReadPosition.START)) {
                reader.readNext(first);
                reader.readNext(first);
            }
            assertThat(count(c, "big")).isEqualTo(BIG_ROWS);
            CollectingSink rest = new CollectingSink();
            ReadPosition end = source.read(new ReadPosition(2, List.of("2")), rest);
            assertThat(end).isEqualTo(new ReadPosition(BIG_ROWS, List.of(String.valueOf(BIG_ROWS))));
            assertThat(rest.column(0).get(0)).isEqualTo(3L);
        }
    }

    @Test
    void aCopyThatBreaksOffNamesTheTableAndTheRowsReadButNoKeyValue() throws Exception {
        try (Connection c = connect();
                Connection admin = connect()) {
            long backend;
            try (Statement sql = c.createStatement();
                    ResultSet r = sql.executeQuery("SELECT pg_backend_pid()")) {
                r.next();
                backend = r.getLong(1);
            }
            PostgresTableSource source = open(c, "big", "id");
            CollectingSink sink = new CollectingSink();
            PostgresRowReader reader = source.open(ReadPosition.START);
            assertThat(reader.readNext(sink)).isTrue();
            try (Statement sql = admin.createStatement()) {
                sql.execute("SELECT pg_terminate_backend(" + backend + ")");
            }
            // What the server had sent before it was stopped is still read; then the stream breaks off.
            Throwable thrown = catchThrowable(() -> {
                while (reader.readNext(sink)) {
                    continue;
                }
            });
            assertThat(sink.rows).hasSizeLessThan(BIG_ROWS);
            assertThat(thrown)
                    .as("the row count, not the key: the exit status is shown to operators")
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("reading public.big after row " + sink.rows.size() + ": ");
            try {
                reader.close();
            } catch (IOException | RuntimeException e) {
                // The connection is gone: there is no COPY left to cancel.
            }
        }
    }

    @Test
    void closingAfterTheServerFinishedKeepsStatementsAndAnswersInStep() throws Exception {
        try (Connection c = connect()) {
            PostgresTableSource source = open(c, "medium", "id");
            // The whole COPY fits in the socket buffers: the server is done before the cancel arrives.
            List<Integer> cuts = new ArrayList<>(List.of(0, 1, 2500));
            IntStream.rangeClosed(4990, 5000).forEach(cuts::add);
            for (int read : cuts) {
                try (PostgresRowReader reader = source.open(ReadPosition.START)) {
                    for (int i = 0; i < read; i++) {
                        reader.readNext(new CollectingSink());
                    }
                }
                try (Statement sql = c.createStatement();
                        ResultSet rows = sql.executeQuery("SELECT " + read)) {
                    rows.next();
                    assertThat(rows.getInt(1))
                            .as("answer after closing at row %d", read)
                            .isEqualTo(read);
                }
            }
        }
    }

    @Test
    void anEarlyCloseLeavesTheCallersTransactionUsable() throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement sql = c.createStatement()) {
                sql.execute("CREATE TEMPORARY TABLE marks (m int) ON COMMIT PRESERVE ROWS");
                sql.execute("INSERT INTO marks VALUES (1)");
            }
            PostgresTableSource source = open(c, "big", "id");
            try (PostgresRowReader reader = source.open(ReadPosition.START)) {
                reader.readNext(new CollectingSink());
            }
            try (Statement sql = c.createStatement()) {
                sql.execute("INSERT INTO marks VALUES (2)");
            }
            c.commit();
            assertThat(count(c, "marks")).isEqualTo(2);
        }
    }

    @Test
    void closingTwiceOrAtTheEndIsHarmlessAndAClosedReaderRefusesToRead() throws Exception {
        try (Connection c = connect()) {
            PostgresTableSource source = open(c, "pairs");
            PostgresRowReader reader = source.open(ReadPosition.START);
            CollectingSink sink = new CollectingSink();
            while (reader.readNext(sink)) {
                continue;
            }
            assertThat(reader.readNext(sink)).as("still at the end").isFalse();
            reader.close();
            reader.close();
            assertThatThrownBy(() -> reader.readNext(sink))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("reader of public.pairs is closed");
            assertThat(count(c, "pairs")).isEqualTo(77);
        }
    }

    @Test
    void theCheckpointAfterEachRowHoldsThatRowsKeyAsText() throws Exception {
        try (Connection c = connect()) {
            PostgresTableSource source = open(c, "pairs", "b", "a", "v");
            CollectingSink sink = new CollectingSink();
            try (PostgresRowReader reader = source.open(ReadPosition.START)) {
                for (int n = 1; reader.readNext(sink); n++) {
                    Object[] row = sink.rows.get(n - 1);
                    assertThat(reader.position())
                            .isEqualTo(new ReadPosition(n, List.of((String) row[0], String.valueOf(row[1]))));
                }
                // The key (b, a) ordered: the last row is k9 'q with the largest a of its group.
                assertThat(reader.position()).isEqualTo(new ReadPosition(77, List.of("k9 'q", "6")));
            }
        }
    }

    @Test
    void keysLongerThanTheKeptBuffersAreHeldWholeAndShorterOnesAfterThemAlone() throws Exception {
        try (Connection c = connect()) {
            PostgresTableSource source = open(c, "long_keys", "k");
            CollectingSink sink = new CollectingSink();
            try (PostgresRowReader reader = source.open(ReadPosition.START)) {
                for (int n = 1; reader.readNext(sink); n++) {
                    Object[] row = sink.rows.get(n - 1);
                    assertThat(reader.position()).isEqualTo(new ReadPosition(n, List.of((String) row[0])));
                }
            }
            assertThat(sink.rows).hasSize(300);
        }
    }

    @Test
    void aTableWithoutKeyForgetsTheKeyOfAnEarlierRunOnceARowIsRead() throws Exception {
        try (Connection c = connect()) {
            PostgresTableSource source = open(c, "no_key");
            CollectingSink sink = new CollectingSink();
            // A checkpoint of a run made while the table had a key: the table has none now.
            try (PostgresRowReader reader = source.open(new ReadPosition(3, List.of("v3")))) {
                assertThat(reader.readNext(sink)).isTrue();
                assertThat(reader.position()).isEqualTo(new ReadPosition(4, List.of()));
            }
        }
    }

    private static long count(Connection c, String table) throws Exception {
        try (Statement sql = c.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Rows as comparable text; byte arrays by content. */
    private static List<String> texts(List<Object[]> rows) {
        List<String> texts = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            texts.add(Arrays.deepToString(row));
        }
        return texts;
    }

    private static Connection connect() throws Exception {
        return postgres.connect();
    }

    private static PostgresTableSource open(Connection c, String table, String... columns) throws Exception {
        return PostgresTableSource.open(c, QualifiedTableName.parse(table), List.of(columns));
    }
}
