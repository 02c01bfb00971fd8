package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Change data capture from a second PostgreSQL into the lakehouse: every kind of change ends with
 * the asset equal to SELECT * of the source; an idle source's slot moves on with heartbeats; the
 * walsender killed mid-stream resumes with nothing lost or repeated; the finance adapter.
 */
class CdcStreamIT extends CdcStreamFixture {
    static final Duration CONVERGE = CdcStreams.CONVERGE;
    static final int CHANGES = Integer.getInteger("lakehouse.it.cdc.changes", 20_000);
    private static final String JMX_USER = "lakehouse-jmx-cdc-it";
    private static final String JMX_PASSWORD = "Jmx-cdc-it-7a2f4b!";

    @RegisterExtension
    static final CdcSourceExtension SOURCE = CdcSourceExtension.forClass("it-cdc-source");

    @Test
    void everyKindOfChangeEndsWithTheAssetEqualToTheSource() throws Exception {
        CdcSource.execute(
                "CREATE TABLE public.orders (id bigint PRIMARY KEY, amount numeric(12,2), note text, doc text,"
                        + " placed_at timestamptz, local_at timestamp, paid boolean, qty integer, payload bytea)",
                // Out of line and uncompressed: an update that leaves doc alone sends Debezium's placeholder for it.
                "ALTER TABLE public.orders ALTER COLUMN doc SET STORAGE EXTERNAL",
                "INSERT INTO public.orders VALUES (1, 1234.50, 'first', repeat('abcdefghij', 1000), '2026-03-01T10:00:00.123456Z',"
                        + " '2026-03-01 10:00:00.000001', true, 3, '\\x00ff10')",
                "INSERT INTO public.orders VALUES (2, -0.05, 'second', NULL, '2026-03-01T10:00:00Z', NULL, false, -7, '')",
                "INSERT INTO public.orders VALUES (3, 9999999999.99, 'Zürich — 東京 🚀', 'x', NULL, NULL, NULL, NULL, NULL)",
                "INSERT INTO public.orders VALUES (4, 0, 'key change', NULL, NULL, NULL, NULL, 2147483647, NULL)",
                "INSERT INTO public.orders VALUES (5, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        CdcStreams.OneTableStream stream = streams.createOf("orders_it", "public.orders", "cdcit");
        assertThat(stream.slot()).isEqualTo("lakehouse_cdc_orders_it");
        assertThat(stream.publication()).isEqualTo("lakehouse_cdc_orders_it_pub");
        assertThat(runs.rowColumns(stream.assetId()))
                .containsExactly(
                        "id int64",
                        "amount decimal(12,2)",
                        "note string",
                        "doc string",
                        "placed_at timestamp_us",
                        "local_at timestamp_us",
                        "paid bool",
                        "qty int32",
                        "payload bytes");
        streams.awaitEqual(stream.assetId(), "public.orders");

        CdcSource.execute(
                "INSERT INTO public.orders VALUES (6, 0.01, 'six', NULL, '1999-12-31T23:59:59.999999Z', NULL, true, 0, '\\xdeadbeef')",
                "UPDATE public.orders SET amount = 1234.51 WHERE id = 1",
                "UPDATE public.orders SET note = NULL, paid = NULL WHERE id = 2",
                "UPDATE public.orders SET note = 'was null', qty = 1 WHERE id = 5",
                "DELETE FROM public.orders WHERE id = 3",
                "UPDATE public.orders SET id = 400 WHERE id = 4",
                "INSERT INTO public.orders (id, amount, note, placed_at) SELECT g, g / 100.0, 'bulk ' || g,"
                        + " '2026-01-01T00:00:00Z'::timestamptz + g * interval '1 microsecond' FROM generate_series(1000, 20999) g");
        try (Connection c = CdcSource.connect();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO public.orders (id, note) VALUES (50000, 'rolled back')");
            s.execute("UPDATE public.orders SET note = 'rolled back' WHERE id = 1");
            c.rollback();
        }
        streams.awaitEqual(stream.assetId(), "public.orders");
        List<List<String>> rows = runs.allRows(stream.assetId());
        assertThat(rows.stream()
                        .filter(r -> r.get(0).equals("1"))
                        .findFirst()
                        .orElseThrow()
                        .get(3))
                .as("the TOASTed doc the update left alone")
                .isEqualTo("abcdefghij".repeat(1000));

        CdcSource.execute(
                "TRUNCATE public.orders",
                "INSERT INTO public.orders (id, note) VALUES (1, 'after truncate'), (2, 'again')");
        streams.awaitEqual(stream.assetId(), "public.orders");

        CdcSource.execute(
                "ALTER TABLE public.orders ADD COLUMN region text",
                "INSERT INTO public.orders (id, note, region) VALUES (3, 'with region', 'north')",
                "UPDATE public.orders SET region = 'south' WHERE id = 1");
        streams.awaitEqual(stream.assetId(), "public.orders");
        assertThat(runs.rowColumns(stream.assetId())).endsWith("region string");

        JsonNode listed = streams.stream("orders_it");
        assertThat(listed.get("state").asText()).isEqualTo("RUNNING");
        assertThat(listed.get("lastLsn").isNull()).isFalse();
        assertThat(listed.get("lastError").isNull()).isTrue();
        // The asset's row count holds superseded versions until compaction: at least the 3 live rows.
        assertThat(listed.get("tables").get(0).get("rows").asLong()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aKilledWalsenderAndASourceRestartMidStreamLoseAndRepeatNothing() throws Exception {
        CdcSource.execute(CdcWorkload.CREATE);
        CdcStreams.OneTableStream stream = streams.createOf("events_it", "public.events", "cdcit");
        awaitFlushed(stream.slot(), null);
        CdcWorkload workload = new CdcWorkload(CHANGES).start();
        try {
            awaitWritten(workload, CHANGES / 4);
            int terminated = terminateWalsender(stream.slot());
            assertThat(terminated)
                    .as("walsenders of slot %s terminated", stream.slot())
                    .isPositive();
            awaitWritten(workload, CHANGES / 2);
            SOURCE.restart();
        } finally {
            workload.await(CONVERGE.toMillis());
        }
        streams.awaitEqual(stream.assetId(), "public.events");
        assertThat(streams.stream("events_it").get("state").asText()).isEqualTo("RUNNING");
    }

    static void awaitWritten(CdcWorkload workload, long changes) throws InterruptedException {
        Instant deadline = Instant.now().plus(CONVERGE);
        while (workload.written() < changes && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }

    static int terminateWalsender(String slot) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = CdcSource.connect();
                    Statement s = c.createStatement();
                    var r = s.executeQuery("SELECT count(pg_terminate_backend(active_pid)) FROM pg_replication_slots"
                            + " WHERE slot_name = '" + slot + "' AND active_pid IS NOT NULL")) {
                r.next();
                if (r.getInt(1) > 0) {
                    return r.getInt(1);
                }
            }
            Thread.sleep(100);
        }
        return 0;
    }

    @Test
    void anIdleSourceWithHeartbeatsMovesTheSlotsConfirmedPosition() throws Exception {
        CdcStreams.OneTableStream stream = streamCaughtUp(
                "quiet_it",
                "public.quiet",
                "CREATE TABLE public.quiet (id integer PRIMARY KEY, v text)",
                "INSERT INTO public.quiet VALUES (1, 'a')");
        Long first = awaitFlushed(stream.slot(), null);
        // Nothing changes in the captured table from here on; only heartbeats flow.
        Long later = awaitFlushed(stream.slot(), first);
        assertThat(later).isGreaterThan(first);
    }

    @Test
    void aJmxStopGoesThroughTheAuditTrailAndTheLagIsOnTheMetricsEndpoint() throws Exception {
        CdcSource.execute("CREATE TABLE public.metered (id integer PRIMARY KEY, v text)");
        CdcStreams.OneTableStream stream = streams.createOf("metered_it", "public.metered", "cdcit");
        awaitFlushed(stream.slot(), null);
        CdcSource.execute("INSERT INTO public.metered SELECT g, 'v' || g FROM generate_series(1, 50) g");
        streams.awaitEqual(stream.assetId(), "public.metered");
        // One audit entry per CDC commit, naming the asset, the rows and the offset; no entry of a separate stage.
        List<List<String>> entries = ItDatabase.rows(
                "SELECT outcome, action, (details->>'rowsAdded')::bigint, details->>'cdcStream', details->>'offsetLsn',"
                        + " details->'resourceIds'->>0, details->>'operation' FROM lakehouse.audit_logs"
                        + " WHERE resource_id = ? AND action = 'WRITE'"
                        + " AND details->>'operation' LIKE 'DefaultTableService.%'",
                stream.assetId());
        long rows = 0;
        for (List<String> entry : entries) {
            assertThat(entry.get(6)).isEqualTo("DefaultTableService.commitChanges");
            assertThat(entry.get(0)).isEqualTo("SUCCESS");
            assertThat(entry.get(1)).isEqualTo("WRITE");
            assertThat(entry.get(3)).isEqualTo(stream.id());
            assertThat(entry.get(4)).as("the offset's LSN").matches("[1-9][0-9]*");
            assertThat(entry.get(5)).isEqualTo(stream.assetId());
            rows += Long.parseLong(entry.get(2));
        }
        assertThat(rows).as("rows of the audited CDC commits").isEqualTo(50);

        String metrics = ObservabilityIT.scrape();
        String cdc = metrics.lines()
                .filter(l -> l.startsWith("lakehouse_cdc_"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(cdc)
                .contains("lakehouse_cdc_lag_seconds{")
                .contains("lakehouse_cdc_lag_p99_seconds{")
                .contains("stream=\"metered_it\"");
        assertThat(ObservabilityIT.value(metrics, "lakehouse_cdc_lag_seconds", "stream=\"metered_it\""))
                .as(cdc)
                .isBetween(0.0, 60.0);

        // WildFly: JMX remoting with a management user; Open Liberty: a JMX client on the same machine (attach).
        try (javax.management.remote.JMXConnector connector =
                onLiberty() ? ObservabilityIT.libertyLocalJmx() : jmxRemoting()) {
            javax.management.MBeanServerConnection server = connector.getMBeanServerConnection();
            javax.management.ObjectName bean =
                    new javax.management.ObjectName("coop.cpc.lakehouse.cdc:type=stream-metrics,stream=metered_it");
            assertThat(server.getAttribute(bean, "State")).isEqualTo("RUNNING");
            server.invoke(bean, "stop", new Object[0], new String[0]);
            assertThat(server.getAttribute(bean, "State")).isEqualTo("STOPPED");
        }
        // Through the audited service: an entry of the JMX channel, with an actor, and the stream's desired state.
        try (Connection db = ItDatabase.connect();
                java.sql.PreparedStatement select = db.prepareStatement("SELECT outcome, action, actor_pseudonym,"
                        + " details->>'channel' FROM lakehouse.audit_logs WHERE resource_type = 'cdc_stream'"
                        + " AND resource_id = ? AND details->>'operation' = 'CdcStreamService.stop'")) {
            select.setString(1, stream.id());
            try (java.sql.ResultSet entry = select.executeQuery()) {
                assertThat(entry.next()).as("an audit entry of the JMX stop").isTrue();
                assertThat(entry.getString(1)).isEqualTo("SUCCESS");
                assertThat(entry.getString(2)).isEqualTo("MANAGE");
                assertThat(entry.getString(3)).hasSize(32);
                assertThat(entry.getString(4)).isEqualTo("jmx");
                assertThat(entry.next()).isFalse();
            }
        }
        assertThat(streams.stream("metered_it").get("state").asText()).isEqualTo("STOPPED");
        try (Connection db = ItDatabase.connect();
                Statement sql = db.createStatement();
                java.sql.ResultSet row = sql.executeQuery(
                        "SELECT desired_state FROM lakehouse.cdc_streams WHERE id = '" + stream.id() + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1))
                    .as("a JMX stop lasts over a server restart")
                    .isEqualTo("STOPPED");
        }
    }

    @Test
    void deleteWithDropSlotRemovesTheStreamAndItsSlotAndPublicationOnTheSourceButKeepsTheAsset() throws Exception {
        CdcStreams.OneTableStream stream = streamCaughtUp(
                "doomed_it",
                "public.doomed",
                "CREATE TABLE public.doomed (id integer PRIMARY KEY, v text)",
                "INSERT INTO public.doomed VALUES (1, 'a'), (2, 'b')");
        assertThat(sourceCount("SELECT count(*) FROM pg_replication_slots WHERE slot_name = ?", stream.slot()))
                .isEqualTo(1);
        assertThat(sourceCount("SELECT count(*) FROM pg_publication WHERE pubname = ?", stream.publication()))
                .isEqualTo(1);
        assertThat(ObservabilityIT.scrape()).contains("stream=\"doomed_it\"");
        GraphQlClient.assertError(
                graphql.execute("mutation($id: ID!) { deleteAsset(id: $id) }", Map.of("id", stream.assetId())),
                "invalid-input",
                "asset cdcit.doomed is written by CDC stream doomed_it; delete the stream first (deleteCdcStream),"
                        + " then the asset");

        JsonNode deleted = graphql.data(
                        "mutation($id: ID!) { deleteCdcStream(id: $id, dropSlot: true) { id name state } }",
                        Map.of("id", stream.id()))
                .get("deleteCdcStream");

        assertThat(deleted.get("id").asText()).isEqualTo(stream.id());
        assertThat(deleted.get("state").asText()).isEqualTo("STOPPED");
        assertThat(sourceCount("SELECT count(*) FROM pg_replication_slots WHERE slot_name = ?", stream.slot()))
                .isZero();
        assertThat(sourceCount("SELECT count(*) FROM pg_publication WHERE pubname = ?", stream.publication()))
                .isZero();
        assertThat(sourceCount(
                        "SELECT count(*) FROM public.lakehouse_cdc_heartbeat WHERE slot_name = ?", stream.slot()))
                .isZero();
        List<String> names = new ArrayList<>();
        graphql.data("{ cdcStreams { name } }")
                .get("cdcStreams")
                .forEach(s -> names.add(s.get("name").asText()));
        assertThat(names).doesNotContain("doomed_it");
        try (Connection db = ItDatabase.connect();
                Statement sql = db.createStatement();
                java.sql.ResultSet row = sql.executeQuery("SELECT (SELECT count(*) FROM lakehouse.cdc_streams WHERE id"
                        + " = '" + stream.id() + "'), (SELECT count(*) FROM lakehouse.cdc_offsets WHERE connector_name"
                        + " LIKE '%" + stream.id() + "%'), (SELECT count(*) FROM lakehouse.audit_logs WHERE resource_id"
                        + " = '" + stream.id() + "' AND details->>'operation' = 'CdcStreamService.delete'"
                        + " AND outcome = 'SUCCESS')")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getLong(1)).as("stream row").isZero();
            assertThat(row.getLong(2)).as("offset row").isZero();
            assertThat(row.getLong(3)).as("audit entry of the delete").isEqualTo(1);
        }
        assertThat(runs.allRows(stream.assetId())).as("the asset stays").hasSize(2);
        assertThat(ObservabilityIT.scrape())
                .as("the metrics of a deleted stream go with it")
                .doesNotContain("stream=\"doomed_it\"");
    }

    /** WildFly's JMX remoting on the management port, as a management user. */
    private static javax.management.remote.JMXConnector jmxRemoting() throws Exception {
        ObservabilityIT.addManagementUser(JMX_USER, JMX_PASSWORD);
        javax.management.remote.JMXServiceURL url = new javax.management.remote.JMXServiceURL(
                "service:jmx:remote+http://localhost:" + System.getProperty("lakehouse.it.management.port", "10090"));
        return javax.management.remote.JMXConnectorFactory.connect(
                url, Map.of(javax.management.remote.JMXConnector.CREDENTIALS, new String[] {JMX_USER, JMX_PASSWORD}));
    }

    /** The ITs run on Open Liberty (it/pom.xml, profile liberty-it). */
    private static boolean onLiberty() {
        return "liberty".equals(System.getProperty("arquillian.launch"));
    }

    private static long sourceCount(String sql, String value) throws Exception {
        try (Connection c = CdcSource.connect();
                java.sql.PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            try (java.sql.ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void theFinanceAdapterCreatesAFinanceStreamWithAnInitialSnapshot() throws Exception {
        CdcSource.execute(
                "CREATE TABLE public.ledger (entry_id bigint PRIMARY KEY, account text NOT NULL, amount numeric(18,4),"
                        + " booked_at timestamptz)",
                "INSERT INTO public.ledger VALUES (1, 'cash', 100.0001, '2026-06-30T12:00:00.000001Z'), (2, 'bank', -5, NULL)");
        JsonNode created = graphql.data(
                        "mutation($name: String!, $url: String!, $user: String!, $alias: String, $table: String!) {"
                                + " createFinanceIngestionJob(name: $name, url: $url, user: $user, passwordAlias: $alias, table: $table) { "
                                + CdcStreams.FIELDS + " } }",
                        Map.of(
                                "name",
                                "ledger_it",
                                "url",
                                CdcSource.url(),
                                "user",
                                "postgres",
                                "alias",
                                "it_cdc_password",
                                "table",
                                "public.ledger"))
                .get("createFinanceIngestionJob");
        String assetId = created.get("tables").get(0).get("assetId").asText();
        JsonNode asset = graphql.data(
                        "query($id: ID!) { asset(id: $id) { namespace name tags } }", Map.of("id", assetId))
                .get("asset");
        assertThat(asset.get("namespace").asText()).isEqualTo("finance");
        assertThat(asset.get("name").asText()).isEqualTo("ledger");
        List<String> tags = new ArrayList<>();
        asset.get("tags").forEach(t -> tags.add(t.asText()));
        assertThat(tags).containsExactlyInAnyOrder("finance", "transactions");
        streams.awaitEqual(assetId, "public.ledger");
        CdcSource.execute(
                "INSERT INTO public.ledger VALUES (3, 'cash', 0.0001, now())",
                "DELETE FROM public.ledger WHERE entry_id = 2");
        streams.awaitEqual(assetId, "public.ledger");
    }

    /**
     * The IT server holds at most 1,024 snapshot rows in memory ({@code cdc_snapshot_chunk_rows}): a table of
     * 3,500 rows is staged as 4 segment files, all committed by ONE snapshot with the stream's offset; a second,
     * empty table of the same stream is emptied in that commit too.
     */
    @Test
    void anInitialSnapshotLargerThanTheInMemoryBoundIsStagedInChunksAndCommittedAsOneSnapshot() throws Exception {
        CdcSource.execute(
                "CREATE TABLE public.bulk (id bigint PRIMARY KEY, amount numeric(12,2), note text, at timestamptz)",
                "INSERT INTO public.bulk SELECT g, g / 100.0, CASE WHEN g % 7 = 0 THEN NULL ELSE 'bulk ' || g END,"
                        + " timestamptz '2026-01-01 00:00:00.000001+00' + g * interval '1 second'"
                        + " FROM generate_series(1, 3500) g",
                // Numerics wider than the columnar decimal (18 digits) are captured as their exact text.
                "CREATE TABLE public.bulk_empty (id bigint PRIMARY KEY, note text, big numeric(20,2), wide numeric(38,10))");
        JsonNode stream = streams.create("bulk_it", List.of("public.bulk", "public.bulk_empty"), "cdcbulk");
        String bulk = null;
        String empty = null;
        for (JsonNode t : stream.get("tables")) {
            if (t.get("table").asText().equals("public.bulk")) {
                bulk = t.get("assetId").asText();
            } else {
                empty = t.get("assetId").asText();
            }
        }
        streams.awaitEqual(bulk, "public.bulk");
        streams.awaitEqual(empty, "public.bulk_empty");
        try (Connection db = ItDatabase.connect();
                var segments = db.prepareStatement("SELECT count(DISTINCT g.added_snapshot_id), count(*),"
                        + " sum(g.row_count), min(s.operation) FROM lakehouse.webm_columnar g"
                        + " JOIN lakehouse.asset_snapshots s ON s.id = g.added_snapshot_id"
                        + " WHERE g.asset_id = ?::uuid AND g.removed_snapshot_id IS NULL")) {
            segments.setString(1, bulk);
            try (var r = segments.executeQuery()) {
                r.next();
                assertThat(r.getLong(1)).as("snapshots that committed the copy").isEqualTo(1);
                assertThat(r.getLong(2))
                        .as("segment files of the copy (chunks of 1,024 rows)")
                        .isEqualTo(4);
                assertThat(r.getLong(3)).as("rows in them").isEqualTo(3_500);
                assertThat(r.getString(4)).isEqualTo("OVERWRITE");
            }
        }
        CdcSource.execute("UPDATE public.bulk SET note = 'after the copy' WHERE id % 500 = 0");
        streams.awaitEqual(bulk, "public.bulk");

        assertThat(runs.rowColumns(empty)).containsExactly("id int64", "note string", "big string", "wide string");
        CdcSource.execute("INSERT INTO public.bulk_empty VALUES (1, 'wide', 123456789012345678.90,"
                + " 1234567890123456789012345678.0123456789), (2, 'small', -0.05, 0), (3, NULL, NULL, NULL)");
        streams.awaitEqual(empty, "public.bulk_empty");
        assertThat(runs.allRows(empty).stream()
                        .filter(r -> r.get(0).equals("1"))
                        .findFirst()
                        .orElseThrow())
                .containsExactly("1", "wide", "123456789012345678.90", "1234567890123456789012345678.0123456789");
    }

    /**
     * Values stored as text are the text the PostgreSQL table source stores for the same column (its session's
     * settings, below), from the initial snapshot and from the stream alike; an infinite timestamp, which the
     * table source rejects, becomes null in a nullable column.
     */
    @Test
    void textValuesAreThoseOfTheTableSourceAndInfiniteTimestampsAreNullInNullableColumns() throws Exception {
        CdcSource.execute(
                "CREATE TABLE public.typed (id integer PRIMARY KEY, t time, i interval, tags text[], blobs bytea[],"
                        + " nums float8[], ends_at timestamptz, at timestamp, days date[])",
                "INSERT INTO public.typed VALUES (1, '24:00', '1 year 2 mons 3 days 04:05:06.5',"
                        + " ARRAY['a, b', NULL, 'null', 'say \"hi\"'], ARRAY['\\x01ab'::bytea],"
                        + " ARRAY[1.5, 1e15, 0.00001, 2.82879384806159e17, 5e-324],"
                        + " 'infinity', '-infinity', '{infinity,-infinity,10000-01-01,2026-03-01}')");
        CdcStreams.OneTableStream stream = streams.createOf("typed_it", "public.typed", "cdcit");
        CdcSource.execute("INSERT INTO public.typed VALUES (2, '10:15', '-5 min -6.5 sec', ARRAY['x'], NULL, NULL,"
                + " '-infinity', 'infinity', '{-infinity,10000-01-01}'), (3, '10:15:00.000001', '25 hours', '{}', ARRAY[NULL::bytea],"
                + " ARRAY['NaN'::float8], '2026-01-01 10:00:00+02', '2026-01-01 10:00:00.5', '{}')");
        List<List<String>> expected = new ArrayList<>();
        try (Connection source = CdcSource.connect();
                Statement sql = source.createStatement()) {
            // The PostgreSQL table source's session (PostgresTableSource.open).
            sql.execute("SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET bytea_output = 'hex';"
                    + " SET extra_float_digits = 1; SET IntervalStyle = 'iso_8601'");
            try (var r = sql.executeQuery("SELECT id::text, t::text, i::text, tags::text, blobs::text, nums::text,"
                    + " CASE WHEN isfinite(ends_at) THEN '2026-01-01T08:00:00Z' END,"
                    + " CASE WHEN isfinite(at) THEN '2026-01-01T10:00:00.500Z' END, days::text FROM public.typed"
                    + " ORDER BY id")) {
                while (r.next()) {
                    List<String> row = new ArrayList<>();
                    for (int c = 1; c <= 9; c++) {
                        row.add(r.getString(c));
                    }
                    expected.add(row);
                }
            }
        }
        Instant deadline = Instant.now().plus(CONVERGE);
        List<List<String>> actual = runs.allRows(stream.assetId());
        while (actual.size() < 3 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            actual = runs.allRows(stream.assetId());
        }
        actual = new ArrayList<>(actual);
        actual.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.get(0).subList(1, 6))
                .containsExactly(
                        "24:00:00",
                        "P1Y2M3DT4H5M6.5S",
                        "{\"a, b\",NULL,\"null\",\"say \\\"hi\\\"\"}",
                        "{\"\\\\x01ab\"}",
                        // JDK 17's Double.toString gives 2.82879384806159008E17 and 4.9E-324: not PostgreSQL's digits.
                        "{1.5,1e+15,1e-05,2.82879384806159e+17,5e-324}");
        assertThat(actual.get(0).get(8)).isEqualTo("{infinity,-infinity,10000-01-01,2026-03-01}");
        assertThat(actual.get(1).get(8)).isEqualTo("{-infinity,10000-01-01}");
    }

    /** A column whose type the connector leaves out of its changes would stay null: the table is refused. */
    @Test
    void aTableWithAnArrayTypeTheConnectorDoesNotCaptureIsRefused() throws Exception {
        CdcSource.execute("CREATE TABLE public.spans (id integer PRIMARY KEY, during interval[])");
        assertThat(creationRefusal(CdcStreams.input("spans_it", List.of("public.spans"), "cdcit")))
                .contains("column during of public.spans has type interval[], which the CDC connector does not"
                        + " capture");
    }

    /** An infinite timestamp in a column that cannot be null stops the stream and says how to go on. */
    @Test
    void anInfiniteTimestampInANotNullColumnStopsTheStreamWithAClearError() throws Exception {
        CdcSource.execute("CREATE TABLE public.strict_times (id integer PRIMARY KEY, starts_at timestamptz NOT NULL)");
        CdcStreams.OneTableStream stream = streams.createOf("strict_it", "public.strict_times", "cdcit");
        CdcSource.execute("INSERT INTO public.strict_times VALUES (1, '2026-01-01 00:00:00+00')");
        streams.awaitEqual(stream.assetId(), "public.strict_times");
        CdcSource.execute("INSERT INTO public.strict_times VALUES (2, 'infinity')");
        assertStopped(
                "strict_it",
                stream,
                1,
                "column starts_at: 'infinity'",
                "table public.strict_times, column starts_at: 'infinity' is outside the timestamps an asset"
                        + " stores, and the column cannot be null",
                "A stream cannot skip a change");
        assertFailedStreamIsSeenAndReadinessStaysUp("strict_it");
        deleteWithSlot(stream);
    }

    /**
     * A FAILED stream (here halted by a change it may not skip) shows as failed on /metrics and in readiness's data,
     * which stays UP; the seconds since its last commit grow.
     */
    private static void assertFailedStreamIsSeenAndReadinessStaysUp(String name) throws Exception {
        String label = "stream=\"" + name + "\"";
        Instant deadline = Instant.now().plus(CONVERGE);
        String metrics = ObservabilityIT.scrape();
        while (ObservabilityIT.value(metrics, "lakehouse_cdc_stream_failed", label) != 1.0) {
            assertThat(Instant.now())
                    .as("lakehouse_cdc_stream_failed{%s} 1", label)
                    .isBefore(deadline);
            Thread.sleep(200);
            metrics = ObservabilityIT.scrape();
        }
        double age = ObservabilityIT.value(metrics, "lakehouse_cdc_last_commit_age_seconds", label);
        Thread.sleep(2_000);
        assertThat(ObservabilityIT.value(ObservabilityIT.scrape(), "lakehouse_cdc_last_commit_age_seconds", label))
                .as("seconds since the failed stream's last commit")
                .isGreaterThanOrEqualTo(age + 1.5);

        java.net.http.HttpResponse<String> ready = HealthIT.readiness();
        while (!ready.body().contains(name)) {
            assertThat(Instant.now())
                    .as("readiness naming %s: %s", name, ready.body())
                    .isBefore(deadline);
            Thread.sleep(200);
            ready = HealthIT.readiness();
        }
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonNode check = null;
        for (JsonNode c : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(ready.body())
                .get("checks")) {
            if (c.get("name").asText().equals("cdc-streams")) {
                check = c;
            }
        }
        assertThat(check).as(ready.body()).isNotNull();
        assertThat(check.get("status").asText()).isEqualTo("UP");
        assertThat(check.get("data").get("failedStreams").asText()).contains(name);
    }

    /**
     * A numeric NaN, which an asset's decimal cannot hold, is null in a nullable decimal column (text in a numeric
     * stored as text), and stops the stream with a clear error in a NOT NULL one (before, Debezium's precise mode
     * sent null and failed the engine for good).
     */
    @Test
    void aNumericNanIsNullInANullableDecimalAndStopsTheStreamInANotNullOne() throws Exception {
        CdcSource.execute("CREATE TABLE public.nan_amounts (id integer PRIMARY KEY, amount numeric(10,2), free numeric,"
                + " strict numeric(10,2) NOT NULL, frees numeric[])");
        CdcStreams.OneTableStream stream = streams.createOf("nan_it", "public.nan_amounts", "cdcit");
        CdcSource.execute("INSERT INTO public.nan_amounts VALUES (1, 'NaN', 'NaN', 1.5, NULL),"
                + " (2, 2.5, 1.500, 2, ARRAY[1.50, 100.0, 0.00])");
        List<List<String>> rows = awaitRows(stream.assetId(), 2);
        assertThat(rows.get(0)).containsExactly("1", null, "NaN", "1.50", null);
        // A numeric without precision is stored with its trailing zeros stripped, as before (precise mode).
        assertThat(rows.get(1)).containsExactly("2", "2.50", "1.5", "2.00", "{1.5,100,0}");

        CdcSource.execute("INSERT INTO public.nan_amounts VALUES (3, 1, 1, 'NaN', NULL)");
        assertStopsKeeping(
                "nan_it",
                stream,
                2,
                "column strict: 'NaN'",
                "table public.nan_amounts, column strict: 'NaN' is not a decimal(10,2), and the column"
                        + " cannot be null");
    }

    /**
     * A NOT NULL source column dropped, then another renamed: the stream goes on, the asset's columns become
     * nullable (the renamed one's new name is added), and the rows before keep their values.
     */
    @Test
    void aDroppedAndARenamedNotNullColumnLeaveTheStreamRunning() throws Exception {
        CdcSource.execute(
                "CREATE TABLE public.shrinking (id integer PRIMARY KEY, status text NOT NULL, kind text NOT NULL)");
        CdcStreams.OneTableStream stream = streams.createOf("shrinking_it", "public.shrinking", "cdcit");
        CdcSource.execute("INSERT INTO public.shrinking VALUES (1, 'paid', 'retail')");
        awaitRows(stream.assetId(), 1);
        CdcSource.execute(
                "ALTER TABLE public.shrinking DROP COLUMN status",
                "INSERT INTO public.shrinking VALUES (2, 'trade')",
                "ALTER TABLE public.shrinking RENAME COLUMN kind TO sort",
                "INSERT INTO public.shrinking VALUES (3, 'staff')");
        List<List<String>> rows = awaitRows(stream.assetId(), 3);
        assertThat(rows)
                .containsExactly(
                        Arrays.asList("1", "paid", "retail", null),
                        Arrays.asList("2", null, "trade", null),
                        Arrays.asList("3", null, null, "staff"));
        assertThat(streams.stream("shrinking_it").path("lastError").isNull()).isTrue();
        deleteWithSlot(stream);
    }

    /**
     * A key column changed to bigint and a value past int32 stop the stream naming the column and both types, and
     * the asset keeps what it had (before, 2^31 was stored as -2^31). bit(n) columns, and a time column added later,
     * are stored as the PostgreSQL table source stores them (Debezium's bytes of a bit(12) read in its order).
     */
    @Test
    void aKeyChangedToBigintStopsTheStreamAndBitAndAddedTimeColumnsAreTheTableSourcesText() throws Exception {
        CdcSource.execute("CREATE TABLE public.retyped (id integer PRIMARY KEY, flags bit(12), one bit(1))");
        CdcStreams.OneTableStream stream = streams.createOf("retyped_it", "public.retyped", "cdcit");
        CdcSource.execute(
                "INSERT INTO public.retyped VALUES (1, B'100000000101', B'1')",
                "ALTER TABLE public.retyped ADD COLUMN at time",
                "INSERT INTO public.retyped VALUES (2, B'000000000000', B'0', '10:00')");
        List<List<String>> expected = new ArrayList<>();
        try (Connection source = CdcSource.connect();
                Statement sql = source.createStatement();
                var r = sql.executeQuery(
                        "SELECT id::text, flags::text, one::text, at::text FROM public.retyped ORDER BY id")) {
            while (r.next()) {
                expected.add(Arrays.asList(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
            }
        }
        assertThat(awaitRows(stream.assetId(), 2))
                .isEqualTo(expected)
                .containsExactly(
                        Arrays.asList("1", "100000000101", "1", null),
                        Arrays.asList("2", "000000000000", "0", "10:00:00"));

        // The server's log (WildFly's server.log, Liberty's messages.log) is shared by every test class of the run:
        // only what this change makes it write counts.
        int logLinesBefore = ItServer.mainLogLines().size();
        CdcSource.execute(
                "ALTER TABLE public.retyped ALTER COLUMN id TYPE bigint",
                "INSERT INTO public.retyped (id) VALUES (2147483648)");
        // The two rows before, and no wrapped key.
        assertStopped(
                "retyped_it",
                stream,
                2,
                "column id: the source column's type changed",
                "table public.retyped, column id: the source column's type changed:"
                        + " the asset's column is int32 and the change's is int64 (Debezium INT64), which the column"
                        + " cannot hold exactly");
        // Starting again would stop at the same change: FAILED, logged once, and the EJB that threw the failure
        // (an application exception) adds no WFLYEJB0034 stack trace.
        Thread.sleep(5_000);
        assertThat(streams.stream("retyped_it").get("state").asText()).isEqualTo("FAILED");
        List<String> allLines = ItServer.mainLogLines();
        List<String> log = allLines.subList(Math.min(logLinesBefore, allLines.size()), allLines.size());
        assertThat(log.stream().filter(line -> line.contains("CDC stream retyped_it failed")))
                .hasSize(1);
        assertThat(log.stream().filter(line -> line.contains("WFLYEJB0034")))
                .as("WildFly's EJB stack trace of an application exception")
                .isEmpty();
        deleteWithSlot(stream);
    }

    /**
     * A column changed from double precision to real goes on streaming into its float64 column: every real is a
     * double, stored as the double it is (PostgreSQL's {@code 0.1::real::double precision}).
     */
    @Test
    void aColumnChangedFromDoublePrecisionToRealGoesOnIntoItsFloat64Column() throws Exception {
        CdcSource.execute("CREATE TABLE public.refloated (id integer PRIMARY KEY, v double precision)");
        CdcStreams.OneTableStream stream = streams.createOf("refloated_it", "public.refloated", "cdcit");
        CdcSource.execute("INSERT INTO public.refloated VALUES (1, 0.1)");
        assertThat(awaitRows(stream.assetId(), 1)).containsExactly(List.of("1", "0.1"));

        CdcSource.execute(
                "ALTER TABLE public.refloated ALTER COLUMN v TYPE real",
                "INSERT INTO public.refloated VALUES (2, 0.1)");

        assertThat(awaitRows(stream.assetId(), 2))
                .containsExactly(List.of("1", "0.1"), List.of("2", String.valueOf((double) 0.1f)));
        deleteWithSlot(stream);
    }

    /**
     * Runs {@code sql} on the source, then creates the stream {@code name} of {@code table} (namespace cdcit) and
     * waits until its asset equals the table.
     */
    private CdcStreams.OneTableStream streamCaughtUp(String name, String table, String... sql) throws Exception {
        CdcSource.execute(sql);
        CdcStreams.OneTableStream stream = streams.createOf(name, table, "cdcit");
        streams.awaitEqual(stream.assetId(), table);
        return stream;
    }

    /**
     * The stream stops with an error containing {@code fragment} and each of {@code messages}, its asset keeps its
     * {@code rowsKept} rows (nothing of the failing change's transaction), and the stopped stream is deleted with its
     * slot.
     */
    private void assertStopsKeeping(
            String name, CdcStreams.OneTableStream stream, int rowsKept, String fragment, String... messages)
            throws Exception {
        assertStopped(name, stream, rowsKept, fragment, messages);
        deleteWithSlot(stream);
    }

    /** The stream stops with an error holding {@code fragment} and {@code messages}; its asset keeps its rows. */
    private void assertStopped(
            String name, CdcStreams.OneTableStream stream, int rowsKept, String fragment, String... messages)
            throws Exception {
        String error = streams.awaitLastError(name, fragment, CONVERGE);
        assertThat(error).contains(messages);
        assertThat(runs.allRows(stream.assetId()))
                .as("nothing of the change's transaction")
                .hasSize(rowsKept);
    }

    /** Deletes the stream with its slot and publication; an error fails the test. */
    private void deleteWithSlot(CdcStreams.OneTableStream stream) throws Exception {
        graphql.data(
                "mutation($id: ID!) { deleteCdcStream(id: $id, dropSlot: true) { id } }", Map.of("id", stream.id()));
    }

    /** The asset's rows sorted by their first column (an integer), once it holds {@code count} of them. */
    private List<List<String>> awaitRows(String assetId, int count) throws Exception {
        Instant deadline = Instant.now().plus(CONVERGE);
        List<List<String>> rows = runs.allRows(assetId);
        while (rows.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            rows = runs.allRows(assetId);
        }
        rows = new ArrayList<>(rows);
        rows.sort(java.util.Comparator.comparing(r -> Integer.parseInt(r.get(0))));
        assertThat(rows).as("rows of asset %s", assetId).hasSize(count);
        return rows;
    }

    /**
     * A table added to a running stream arrives with the rows it held: a stream of table A, 30,000 rows already in
     * B, B added by updateCdcStream while a writer updates, deletes and inserts B's rows (and A's) all through the
     * copy, the stream restarted in the middle of it; B's asset ends equal to the source table, and the copy says
     * when it finished.
     */
    @Test
    void aTableAddedToARunningStreamArrivesWithItsRowsThroughChangesAndARestartDuringTheCopy() throws Exception {
        CdcSource.execute(
                "CREATE TABLE public.copy_a (id bigint PRIMARY KEY, note text)",
                "INSERT INTO public.copy_a SELECT g, 'a ' || g FROM generate_series(1, 100) g",
                "CREATE TABLE public.copy_b (id bigint PRIMARY KEY, note text, amount numeric(12,2))",
                "INSERT INTO public.copy_b SELECT g, 'b ' || g, g / 100.0 FROM generate_series(1, 30000) g");
        CdcStreams.OneTableStream stream = streams.createOf("copy_it", "public.copy_a", "cdccopy");
        streams.awaitEqual(stream.assetId(), "public.copy_a");

        CopyWriter writer = new CopyWriter().start();
        String b;
        try {
            JsonNode updated = graphql.data(
                            "mutation($id: ID!) { updateCdcStream(id: $id, input: { addTables: [\"public.copy_b\"] })"
                                    + " { tables { table assetId copy { state requestedAt completedAt } } } }",
                            Map.of("id", stream.id()))
                    .get("updateCdcStream");
            JsonNode added = table(updated, "public.copy_b");
            b = added.get("assetId").asText();
            assertThat(added.at("/copy/state").asText()).isIn("PENDING", "COPYING");
            assertThat(added.at("/copy/requestedAt").isTextual()).isTrue();
            assertThat(table(updated, "public.copy_a").get("copy").isNull())
                    .as("a table the stream was created with has no copy")
                    .isTrue();
            awaitFirstRows("copy_it", "public.copy_b");
            graphql.data("mutation($id: ID!) { restartCdcStream(id: $id) { id } }", Map.of("id", stream.id()));
            Thread.sleep(2_000);
        } finally {
            writer.stop();
        }
        assertThat(writer.changes()).as("changes written during the copy").isPositive();
        streams.awaitEqual(b, "public.copy_b");
        streams.awaitEqual(stream.assetId(), "public.copy_a");
        JsonNode copy = awaitCopyCompleted("copy_it", "public.copy_b");
        assertThat(copy.get("completedAt").isTextual()).isTrue();

        CdcSource.execute(
                "DELETE FROM public.copy_b WHERE id <= 500",
                "UPDATE public.copy_b SET note = 'after the copy' WHERE id % 1000 = 0",
                "INSERT INTO public.copy_b VALUES (90001, 'new after the copy', 1.00)");
        streams.awaitEqual(b, "public.copy_b");
        assertThat(streams.stream("copy_it").get("state").asText()).isEqualTo("RUNNING");
    }

    /** Updates, deletes and inserts random rows of copy_b (and copy_a), one small transaction each, until stopped. */
    private static final class CopyWriter {
        private final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
        private Thread thread;
        private volatile Exception failure;

        CopyWriter start() {
            thread = new Thread(this::run, "copy-writer");
            thread.start();
            return this;
        }

        private void run() {
            java.util.Random random = new java.util.Random(42);
            long next = 40_000;
            try (Connection c = CdcSource.connect();
                    Statement s = c.createStatement()) {
                while (!stop.get()) {
                    int id = 1 + random.nextInt(30_000);
                    switch (random.nextInt(4)) {
                        case 0 -> s.execute("DELETE FROM public.copy_b WHERE id = " + id);
                        case 1 -> s.execute("INSERT INTO public.copy_b VALUES (" + next++ + ", 'inserted', 2.50)");
                        case 2 ->
                            s.execute("UPDATE public.copy_a SET note = 'w " + id + "' WHERE id = " + (id % 100 + 1));
                        default ->
                            s.execute("UPDATE public.copy_b SET note = 'updated " + changes.get()
                                    + "', amount = amount + 1 WHERE id = " + id);
                    }
                    changes.incrementAndGet();
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        long changes() {
            return changes.get();
        }

        void stop() throws Exception {
            stop.set(true);
            thread.join(30_000);
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static JsonNode table(JsonNode stream, String name) {
        for (JsonNode t : stream.get("tables")) {
            if (t.get("table").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no table " + name + " in " + stream);
    }

    /** Waits until the stream's {@code table} holds a row (its copy has committed a first chunk). */
    private void awaitFirstRows(String stream, String table) throws Exception {
        Instant deadline = Instant.now().plus(CONVERGE);
        while (table(streams.stream(stream), table).get("rows").asLong() == 0) {
            assertThat(Instant.now())
                    .as("rows of %s in stream %s", table, stream)
                    .isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private JsonNode awaitCopyCompleted(String stream, String table) throws Exception {
        Instant deadline = Instant.now().plus(CONVERGE);
        while (true) {
            JsonNode listed = graphql.data(
                            "{ cdcStreams { name lastError tables { table copy { state completedAt } } } }")
                    .get("cdcStreams");
            for (JsonNode s : listed) {
                if (s.get("name").asText().equals(stream)) {
                    JsonNode copy = table(s, table).get("copy");
                    if (copy.get("state").asText().equals("COMPLETED")) {
                        return copy;
                    }
                    assertThat(Instant.now())
                            .as("copy of %s completed (stream %s)", table, s)
                            .isBefore(deadline);
                }
            }
            Thread.sleep(250);
        }
    }

    @Test
    void aTableWithoutKeyIsRefusedUnlessReplicaIdentityFull() throws Exception {
        CdcSource.execute("CREATE TABLE public.keyless (a integer NOT NULL, b text NOT NULL)");
        assertThat(creationRefusal(CdcStreams.input("keyless_it", List.of("public.keyless"), "cdcit")))
                .contains("has no primary key")
                .contains("REPLICA IDENTITY FULL");
        CdcStreams.OneTableStream stream = streamCaughtUp(
                "keyless_it",
                "public.keyless",
                "ALTER TABLE public.keyless REPLICA IDENTITY FULL",
                "INSERT INTO public.keyless VALUES (1, 'x'), (2, 'z')");
        CdcSource.execute("UPDATE public.keyless SET b = 'y' WHERE a = 1", "DELETE FROM public.keyless WHERE a = 2");
        streams.awaitEqual(stream.assetId(), "public.keyless");
    }

    @Test
    void theCatalogsOwnDatabaseIsNeverASource() throws Exception {
        String refusal = creationRefusal(Map.of(
                "name",
                "catalog_it",
                "url",
                "jdbc:postgresql://localhost:" + ItDatabase.port() + "/lakehouse",
                "user",
                "postgres",
                "tables",
                List.of("public.x"),
                "targetNamespace",
                "cdcit"));
        assertThat(refusal).contains("catalog");
    }

    /** The message of the error with which the server refuses to create the stream of {@code input}. */
    private String creationRefusal(Map<String, Object> input) throws Exception {
        return GraphQlClient.message(graphql.execute(
                "mutation($input: CdcStreamInput!) { createCdcStream(input: $input) { id } }", Map.of("input", input)));
    }

    /** Waits until the slot's confirmed flush LSN is past {@code after} (or exists, when null). */
    static Long awaitFlushed(String slot, Long after) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Long lsn = null;
        while (Instant.now().isBefore(deadline)) {
            lsn = CdcSource.confirmedFlushLsn(slot);
            if (lsn != null && (after == null || lsn > after)) {
                return lsn;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("slot " + slot + " confirmed_flush_lsn stayed at " + lsn + " (after " + after + ")");
    }
}
