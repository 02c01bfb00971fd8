package coop.cpc.lakehouse.ingest.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CdcSourceDatabaseTest {
    private static final String PASSWORD = "s3cret-cdc-Pa55";
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .start();
        SqlScript.execute(postgres.getPostgresDatabase(), "CREATE DATABASE erp");
        SqlScript.execute(
                postgres.getDatabase("postgres", "erp"),
                "CREATE TABLE public.order_lines (line int, order_id bigint, qty numeric(12,2), note text,"
                        + " dropped text, PRIMARY KEY (order_id, line))",
                "ALTER TABLE public.order_lines DROP COLUMN dropped",
                "CREATE TABLE public.events (at timestamptz NOT NULL, kind text NOT NULL)",
                "ALTER TABLE public.events REPLICA IDENTITY FULL",
                "CREATE VIEW public.v AS SELECT 1 AS one");
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static Connection connect() throws Exception {
        SourceDatabaseUrl url = SourceDatabaseUrl.parse("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/erp");
        return CdcSourceDatabase.connect("127.0.0.1", url, "postgres", "postgres", false);
    }

    /** Creates each table in {@code public} with a bigint primary key and returns their names, in this order. */
    private static List<QualifiedTableName> keyedTables(Statement s, String... names) throws SQLException {
        List<QualifiedTableName> tables = new ArrayList<>();
        for (String name : names) {
            s.execute("CREATE TABLE public." + name + " (id bigint PRIMARY KEY)");
            tables.add(QualifiedTableName.parse("public." + name));
        }
        return tables;
    }

    @Test
    void aServerThatAsksForTheCleartextPasswordGetsNone() throws Exception {
        try (FakeCleartextServer server = new FakeCleartextServer()) {
            SourceDatabaseUrl url =
                    SourceDatabaseUrl.parse("jdbc:postgresql://127.0.0.1:" + server.port() + "/sales?sslmode=prefer");

            assertThatThrownBy(() -> CdcSourceDatabase.connect("127.0.0.1", url, "cdc_user", PASSWORD, false))
                    .isInstanceOf(SQLException.class);

            assertThat(server.connections()).isPositive();
            assertThat(new String(server.received(), UTF_8))
                    .contains("cdc_user")
                    .doesNotContain(PASSWORD);
        }
    }

    @Test
    void aServerThatAsksForTheCleartextPasswordGetsItOnlyWhenTheBindingAllowsIt() throws Exception {
        // The same fake server: with the binding's consent the password does arrive, so the test above can fail.
        try (FakeCleartextServer server = new FakeCleartextServer()) {
            SourceDatabaseUrl url = SourceDatabaseUrl.parse("jdbc:postgresql://127.0.0.1:" + server.port() + "/sales");

            assertThatThrownBy(() -> CdcSourceDatabase.connect("127.0.0.1", url, "cdc_user", PASSWORD, true))
                    .isInstanceOf(SQLException.class);

            assertThat(new String(server.received(), UTF_8)).contains(PASSWORD);
        }
    }

    @Test
    void describesKeyInKeyOrderAndLiveColumnsInTableOrder() throws Exception {
        try (Connection c = connect()) {
            CdcSourceDatabase.Table table = CdcSourceDatabase.describe(
                            c, QualifiedTableName.parse("public.order_lines"))
                    .orElseThrow();
            assertThat(table.replicaIdentity()).isEqualTo("d");
            assertThat(table.primaryKey()).containsExactly("order_id", "line");
            assertThat(table.columns())
                    .containsExactly(
                            new CdcSourceDatabase.Column("line", "integer", true),
                            new CdcSourceDatabase.Column("order_id", "bigint", true),
                            new CdcSourceDatabase.Column("qty", "numeric(12,2)", false),
                            new CdcSourceDatabase.Column("note", "text", false));
        }
    }

    @Test
    void describesATableWithoutKeyByItsReplicaIdentity() throws Exception {
        try (Connection c = connect()) {
            CdcSourceDatabase.Table table = CdcSourceDatabase.describe(c, QualifiedTableName.parse("public.events"))
                    .orElseThrow();
            assertThat(table.replicaIdentity()).isEqualTo("f");
            assertThat(table.primaryKey()).isEmpty();
            assertThat(table.columns())
                    .extracting(CdcSourceDatabase.Column::name)
                    .containsExactly("at", "kind");
        }
    }

    @Test
    void viewsAndMissingTablesAreNotDescribed() throws Exception {
        try (Connection c = connect()) {
            assertThat(CdcSourceDatabase.describe(c, QualifiedTableName.parse("public.v")))
                    .isEmpty();
            assertThat(CdcSourceDatabase.describe(c, QualifiedTableName.parse("public.missing")))
                    .isEmpty();
        }
    }

    @Test
    void createsTheHeartbeatTableOnceAndAgainWithoutError() throws Exception {
        try (Connection c = connect()) {
            CdcSourceDatabase.createHeartbeatTable(c, "public.lakehouse_cdc_heartbeat");
            CdcSourceDatabase.createHeartbeatTable(c, "public.lakehouse_cdc_heartbeat");
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(
                            "SELECT column_name FROM"
                                    + " information_schema.columns WHERE table_name = 'lakehouse_cdc_heartbeat' ORDER BY ordinal_position")) {
                List<String> names = new ArrayList<>();
                while (r.next()) {
                    names.add(r.getString(1));
                }
                assertThat(names).containsExactly("slot_name", "beat_at");
            }
        }
    }

    @Test
    void aPublicationGetsOnlyTheTablesItLacksAndAMissingOneIsLeftToItsCreator() throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            List<QualifiedTableName> tables = keyedTables(s, "pub_a", "pub_b");
            s.execute("CREATE PUBLICATION stream_pub FOR TABLE public.pub_a");

            assertThat(CdcSourceDatabase.addToPublication(c, "stream_pub", tables))
                    .containsExactly(QualifiedTableName.parse("public.pub_b"));
            assertThat(CdcSourceDatabase.addToPublication(c, "stream_pub", tables))
                    .isEmpty();
            assertThat(CdcSourceDatabase.addToPublication(c, "no_such_pub", tables))
                    .isEmpty();
            try (ResultSet r = s.executeQuery("SELECT string_agg(tablename, ',' ORDER BY tablename)"
                    + " FROM pg_publication_tables WHERE pubname = 'stream_pub'")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("pub_a,pub_b");
            }
        }
    }

    @Test
    void aDroppedTableIsLeftOutOfThePublicationAndTheOthersAreAdded() throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            List<QualifiedTableName> tables = keyedTables(s, "pub_dropped", "pub_kept");
            s.execute("DROP TABLE public.pub_dropped");
            s.execute("CREATE PUBLICATION dropped_pub");

            assertThat(CdcSourceDatabase.addToPublication(c, "dropped_pub", tables))
                    .containsExactly(QualifiedTableName.parse("public.pub_kept"));
        }
    }

    @Test
    void aReplicationSlotIsFoundWithItsDatabaseAndAMissingOneIsNot() throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_create_logical_replication_slot('left_by_a_deleted_stream', 'pgoutput')");
            s.execute("SELECT pg_create_physical_replication_slot('a_standby')");
            try {
                assertThat(CdcSourceDatabase.replicationSlotDatabase(c, "left_by_a_deleted_stream"))
                        .contains("erp");
                assertThat(CdcSourceDatabase.replicationSlotDatabase(c, "a_standby"))
                        .contains("");
                assertThat(CdcSourceDatabase.replicationSlotDatabase(c, "left_by_a_deleted"))
                        .isEmpty();
            } finally {
                s.execute("SELECT pg_drop_replication_slot('left_by_a_deleted_stream')");
                s.execute("SELECT pg_drop_replication_slot('a_standby')");
            }
        }
    }
}
