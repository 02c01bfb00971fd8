package coop.cpc.lakehouse.ingest.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.ingest.http.SecretResolver;
import coop.cpc.lakehouse.ingest.http.SsrfGuard;
import coop.cpc.lakehouse.ingest.secret.SecretBinding;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SourceConnectorTest {
    private static final String PASSWORD = "pl4nt-Pa55word-xyz";
    private static final QualifiedTableName TABLE = QualifiedTableName.parse("public.readings");
    /** Fails the test if the guard asks DNS: every host in these tests is an IP literal or "localhost". */
    private static final SsrfGuard.Resolver LOCALHOST_ONLY = host -> {
        if (host.equals("localhost")) {
            return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        }
        throw new AssertionError("the guard asked DNS about " + host);
    };

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        SqlScript.execute(postgres.getPostgresDatabase(), "CREATE DATABASE plant", "CREATE DATABASE other_catalog");
        SqlScript.execute(
                postgres.getDatabase("postgres", "plant"),
                "CREATE TABLE public.readings (id bigint PRIMARY KEY, v text)",
                "INSERT INTO public.readings VALUES (1, 'a'), (2, 'b')");
        SqlScript.execute(
                postgres.getDatabase("postgres", "other_catalog"),
                "CREATE SCHEMA lakehouse",
                "CREATE TABLE lakehouse.audit_logs (id bigint PRIMARY KEY)",
                "CREATE TABLE public.readings (id bigint PRIMARY KEY)");
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static SecretResolver secrets(String binding, boolean cleartext) {
        return SecretResolver.of(
                Map.of("plant_password", PASSWORD),
                binding == null ? Map.of() : Map.of("plant_password", SecretBinding.parse(binding, cleartext)));
    }

    private static SourceConnector connector(SecretResolver secrets, Optional<String> catalog) {
        return new SourceConnector(
                new SourceDatabaseGuard(Set.of("127.0.0.1", "localhost"), catalog, LOCALHOST_ONLY), secrets);
    }

    @Test
    void neverSendsThePasswordToAServerAskingForItInClearText() throws Exception {
        try (FakeCleartextServer server = new FakeCleartextServer()) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/plant";
            SourceConnector connector =
                    connector(secrets("postgresql://127.0.0.1:" + server.port() + "/plant", false), Optional.empty());

            assertThatThrownBy(() -> connector.connect(SourceDatabaseUrl.parse(url), "reader", "plant_password", TABLE))
                    .isInstanceOf(SourceConnectionException.class)
                    .hasMessage(SourceConnectionException.MESSAGE);

            assertThat(server.connections()).isPositive();
            assertThat(new String(server.received(), UTF_8)).contains("reader").doesNotContain(PASSWORD);
        }
    }

    @Test
    void sendsACleartextPasswordOnlyWhenTheBindingAllowsIt() throws Exception {
        // The same fake server: with the binding's consent the password does arrive, so the test above can fail.
        try (FakeCleartextServer server = new FakeCleartextServer()) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/plant?loginTimeout=2";
            SourceConnector connector =
                    connector(secrets("postgresql://127.0.0.1:" + server.port() + "/plant", true), Optional.empty());

            assertThatThrownBy(() -> connector.connect(SourceDatabaseUrl.parse(url), "reader", "plant_password", TABLE))
                    .isInstanceOf(SourceConnectionException.class);

            assertThat(new String(server.received(), UTF_8)).contains(PASSWORD);
        }
    }

    @Test
    void refusesAnAliasNotBoundToTheDatabaseBeforeConnecting() throws Exception {
        try (FakeCleartextServer server = new FakeCleartextServer()) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/plant";
            for (SecretResolver secrets : new SecretResolver[] {
                secrets(null, true),
                secrets("postgresql://127.0.0.1:" + server.port() + "/other", true),
                secrets("127.0.0.1", true)
            }) {
                assertThatThrownBy(() -> connector(secrets, Optional.empty())
                                .connect(SourceDatabaseUrl.parse(url), "reader", "plant_password", TABLE))
                        .isInstanceOf(SourceConnectionException.class)
                        .hasMessage(SourceConnectionException.MESSAGE);
            }
            assertThat(server.connections()).isZero();
        }
    }

    @Test
    void refusesTheCatalogsOwnDatabaseEvenWhenLocalhostIsAllowListed() throws Exception {
        try (FakeCleartextServer server = new FakeCleartextServer()) {
            Optional<String> catalog =
                    Optional.of("jdbc:postgresql://localhost:" + server.port() + "/lakehouse?ssl=false");
            SourceDatabaseGuard guard =
                    new SourceDatabaseGuard(Set.of("127.0.0.1", "localhost"), catalog, LOCALHOST_ONLY);
            for (String host : new String[] {"localhost", "127.0.0.1", "LOCALHOST", "127.0.0.2", "[::1]"}) {
                SourceDatabaseUrl url =
                        SourceDatabaseUrl.parse("jdbc:postgresql://" + host + ":" + server.port() + "/lakehouse");
                if (!host.equals("127.0.0.2") && !host.equals("[::1]")) {
                    assertThatThrownBy(() -> guard.check(url))
                            .as(host)
                            .isInstanceOf(SourceDatabaseGuard.RefusedException.class)
                            .hasMessageContaining("lakehouse catalog's own database");
                }
                assertThatThrownBy(
                                () -> connector(secrets(null, false), catalog).connect(url, "postgres", null, TABLE))
                        .as(host)
                        .isInstanceOf(SourceConnectionException.class);
            }
            assertThatCode(() -> guard.check(
                            SourceDatabaseUrl.parse("jdbc:postgresql://localhost:" + server.port() + "/plant")))
                    .doesNotThrowAnyException();
            assertThat(server.connections()).isZero();
        }
    }

    @Test
    void refusesADatabaseHoldingALakehouseCatalogWhateverItsAddress() {
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/other_catalog";
        assertThatThrownBy(() -> connector(secrets(null, false), Optional.empty())
                        .connect(SourceDatabaseUrl.parse(url), "postgres", null, TABLE))
                .isInstanceOf(SourceConnectionException.class)
                .hasMessage(SourceConnectionException.MESSAGE);
    }

    @Test
    void connectsReadOnlyToAnAllowedDatabase() throws Exception {
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/plant?connectTimeout=5";
        try (Connection c = connector(secrets(null, false), Optional.empty())
                        .connect(SourceDatabaseUrl.parse(url), "postgres", null, TABLE);
                Statement sql = c.createStatement()) {
            assertThatThrownBy(() -> sql.execute("CREATE TABLE written (id int)"))
                    .hasMessageContaining("read-only");
            PostgresTableSource source = PostgresTableSource.open(c, TABLE, java.util.List.of());
            java.util.List<Object[]> rows = new java.util.ArrayList<>();
            source.read(ReadPosition.START, new coop.cpc.lakehouse.ingest.RowSink() {
                @Override
                public void row(Object[] values) {
                    rows.add(values);
                }

                @Override
                public void reject(coop.cpc.lakehouse.ingest.RejectedRecord record) {
                    throw new AssertionError(record.toString());
                }
            });
            assertThat(rows).hasSize(2);
        }
    }

    @Test
    void saysTheSameWhetherTheDatabaseIsMissingThePortClosedOrTheHostRefused() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        SourceConnector connector = new SourceConnector(
                new SourceDatabaseGuard(Set.of("127.0.0.1"), Optional.empty(), LOCALHOST_ONLY), secrets(null, false));
        for (String url : new String[] {
            "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/no_such_database",
            "jdbc:postgresql://127.0.0.1:" + closedPort + "/plant",
            "jdbc:postgresql://10.0.0.5:5432/plant",
            "jdbc:postgresql://127.0.0.2:" + postgres.getPort() + "/plant"
        }) {
            assertThatThrownBy(() -> connector.connect(SourceDatabaseUrl.parse(url), "postgres", null, TABLE))
                    .as(url)
                    .isInstanceOf(SourceConnectionException.class)
                    .hasMessage(SourceConnectionException.MESSAGE)
                    .hasNoCause();
        }
    }

    @Test
    void refusesSystemAndCatalogSchemas() {
        for (String table : new String[] {
            "pg_catalog.pg_authid",
            "information_schema.tables",
            "pg_toast.pg_toast_1",
            "lakehouse.audit_logs",
            "PG_CATALOG.pg_class"
        }) {
            assertThatThrownBy(() -> SourceDatabaseGuard.checkTable(QualifiedTableName.parse(table)))
                    .as(table)
                    .isInstanceOf(SourceDatabaseGuard.RefusedException.class)
                    .hasMessageContaining("never a source");
        }
        assertThatCode(() -> SourceDatabaseGuard.checkTable(QualifiedTableName.parse("public.readings")))
                .doesNotThrowAnyException();
    }

    @Test
    void setsBoundedTimeoutsAndRefusesCleartextUnlessTlsIsVerified() throws Exception {
        SourceConnector connector = connector(secrets("postgresql://db.example.org/plant", false), Optional.empty());
        var plain = connector.properties(
                SourceDatabaseUrl.parse("jdbc:postgresql://db.example.org/plant"), "r", "plant_password");
        assertThat(plain)
                .containsEntry("connectTimeout", "10")
                .containsEntry("loginTimeout", "30")
                .containsEntry("socketTimeout", "600")
                .containsEntry("readOnly", "true")
                .containsEntry("requireAuth", "!password")
                .containsEntry("password", PASSWORD);
        var verified = connector.properties(
                SourceDatabaseUrl.parse(
                        "jdbc:postgresql://db.example.org/plant?sslmode=verify-full&socketTimeout=3600"),
                "r",
                "plant_password");
        assertThat(verified).doesNotContainKey("requireAuth").containsEntry("socketTimeout", "3600");
        var none = connector.properties(SourceDatabaseUrl.parse("jdbc:postgresql://db.example.org/plant"), "r", null);
        assertThat(none).containsEntry("password", "");
    }
}
