package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.IngestionRuns.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The operator's view from outside the API: application metrics in Prometheus text under the same names
 * on both servers (WildFly: the management port's /metrics without credentials; Open Liberty: its own
 * /metrics, HTTPS and a user in the administrator role), readiness that fails when the catalog or the
 * segment folder is unusable (both servers), and the MBeans read and invoked over WildFly's JMX remoting with a
 * management user, on Liberty by a JMX client on the same machine.
 */
class ObservabilityIT extends DeployedEarFixture {
    private static final String DATABASE = "observability_sources";
    private static final String JMX_USER = "lakehouse-jmx-it";
    private static final String JMX_PASSWORD = "Jmx-it-5e1d9c!";
    private static final String WILDFLY_ONLY = "WildFly's JMX remoting and management users";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void metricsEndpointShowsIngestionCommitGraphQlAndSegmentMetricsInPrometheusFormat() throws Exception {
        try (Connection source = ItDatabase.connectCreating(DATABASE);
                Statement sql = source.createStatement()) {
            createTextTable(sql, "public.metered", 300);
        }
        double rowsBefore = value(scrape(), "lakehouse_ingested_rows_total", "source=\"POSTGRES_TABLE\"");
        String assetId = runs.createAsset(
                "metrics", "metered", List.of(column("id", "int64", false), column("v", "string", true)));
        String jobId = runs.createTableJob("metered", assetId, 100, DATABASE, "public.metered");
        runs.runToCompletion(jobId);
        String direct = runs.createAsset("metrics", "direct", List.of(column("n", "int32", false)));
        graphql.data(
                "mutation($id: ID!) { appendRows(assetId: $id, columns: [{name: \"n\", type: \"int32\"}], "
                        + "rows: [{values: [\"1\"]}, {values: [\"2\"]}]) { snapshotId } }",
                Map.of("id", direct));
        graphql.data("query($id: ID) { asset(id: $id) { rows(first: 5) { rows { values } } } }", Map.of("id", assetId));

        String metrics = scrape();
        String ours = metrics.lines().filter(l -> l.startsWith("lakehouse_")).collect(Collectors.joining("\n"));

        assertThat(value(metrics, "lakehouse_ingested_rows_total", "source=\"POSTGRES_TABLE\"") - rowsBefore)
                .as(ours)
                .isEqualTo(300);
        assertThat(value(metrics, "lakehouse_ingested_bytes_total", "source=\"POSTGRES_TABLE\""))
                .as(ours)
                .isPositive();
        assertThat(value(metrics, "lakehouse_run_duration_seconds_count", "job=\"ingestion\""))
                .as(ours)
                .isPositive();
        assertThat(value(metrics, "lakehouse_commit_latency_histogram", "le=\"+Inf\""))
                .as(ours)
                .isGreaterThanOrEqualTo(2);
        assertThat(value(metrics, "lakehouse_commit_latency_seconds_count", ""))
                .as(ours)
                .isGreaterThanOrEqualTo(2);
        assertThat(ours).contains("lakehouse_commit_cas_retries_total");
        assertThat(value(metrics, "lakehouse_graphql_request_seconds_count", "operation=\"appendRows\""))
                .as(ours)
                .isPositive();
        assertThat(value(metrics, "lakehouse_segment_written_bytes_total", ""))
                .as(ours)
                .isPositive();
        assertThat(value(metrics, "lakehouse_segment_read_bytes_total", ""))
                .as(ours)
                .isPositive();
        if (liberty()) {
            assertThat(value(metrics, "jvm_uptime_seconds", "mp_scope=\"base\""))
                    .as("Liberty's own metrics beside ours")
                    .isPositive();
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "arquillian.launch", matches = "liberty")
    void libertySendsAnAnonymousScrapeToHttpsAndRefusesItThereAsItDoesAWrongPassword() throws Exception {
        HttpResponse<String> plain = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + System.getProperty("lakehouse.it.http.port") + "/metrics"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anonymous = libertyMetrics(null);
        HttpResponse<String> wrongPassword =
                libertyMetrics(System.getProperty("lakehouse.it.metrics.user") + ":not-the-password");

        assertThat(plain.statusCode()).isEqualTo(302);
        assertThat(plain.headers().firstValue("Location"))
                .hasValue("https://localhost:" + libertyServer().getProperty("https.port") + "/metrics");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("lakehouse_");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.body()).doesNotContain("lakehouse_");
    }

    @Test
    void readinessFailsWhileTheSegmentFolderOrTheCatalogIsUnusable() throws Exception {
        Path storage = Path.of(System.getProperty("lakehouse.it.dir", "target"), "webm")
                .toAbsolutePath();
        Path aside = storage.resolveSibling("webm.aside");
        assertThat(readiness().statusCode()).isEqualTo(200);

        HttpResponse<String> withoutFolder;
        Files.createDirectories(storage);
        Files.move(storage, aside);
        try {
            Files.writeString(storage, "a file where the segment folder should be");
            withoutFolder = readiness();
        } finally {
            Files.deleteIfExists(storage);
            Files.move(aside, storage);
        }
        HttpResponse<String> folderBack = readiness();

        HttpResponse<String> withoutCatalog;
        try (Connection catalog = ItDatabase.connect();
                Statement sql = catalog.createStatement()) {
            sql.execute("ALTER TABLE lakehouse.flyway_schema_history RENAME TO flyway_schema_history_aside");
            try {
                withoutCatalog = readiness();
            } finally {
                sql.execute("ALTER TABLE lakehouse.flyway_schema_history_aside RENAME TO flyway_schema_history");
            }
        }

        assertThat(withoutFolder.statusCode()).as(withoutFolder.body()).isEqualTo(503);
        assertThat(check(withoutFolder, "storage").get("status").asText()).isEqualTo("DOWN");
        assertThat(check(withoutFolder, "storage")
                        .get("data")
                        .get("webm_storage_path")
                        .asText())
                .isEqualTo("not a folder");
        assertThat(folderBack.statusCode()).as(folderBack.body()).isEqualTo(200);
        assertThat(check(folderBack, "storage").get("status").asText()).isEqualTo("UP");
        assertThat(withoutCatalog.statusCode()).isEqualTo(503);
        assertThat(check(withoutCatalog, "catalog").get("status").asText()).isEqualTo("DOWN");
        assertThat(readiness().statusCode()).isEqualTo(200);
    }

    @Test
    @DisabledIfSystemProperty(named = "arquillian.launch", matches = "liberty", disabledReason = WILDFLY_ONLY)
    void mbeansAreReadAndInvokedOverJmxRemotingWithAManagementUser() throws Exception {
        addManagementUser(JMX_USER, JMX_PASSWORD);
        JMXServiceURL url = new JMXServiceURL(
                "service:jmx:remote+http://localhost:" + System.getProperty("lakehouse.it.management.port", "10090"));
        assertThatThrownBy(() -> JMXConnectorFactory.connect(
                                url, Map.of(JMXConnector.CREDENTIALS, new String[] {JMX_USER, "not-the-password"}))
                        .close())
                .as("a wrong management password is refused")
                .isInstanceOf(Exception.class);

        try (JMXConnector connector = JMXConnectorFactory.connect(
                url, Map.of(JMXConnector.CREDENTIALS, new String[] {JMX_USER, JMX_PASSWORD}))) {
            readAndInvokeTheMBeans(connector.getMBeanServerConnection());
        }
    }

    /**
     * Liberty has no remote JMX here (no restConnector-2.0): a JMX client on the same machine attaches to the
     * server's JVM, as jconsole does, and reads and invokes the same MBeans with the same audit entries.
     */
    @Test
    @EnabledIfSystemProperty(named = "arquillian.launch", matches = "liberty")
    void libertysMBeansAreReadAndInvokedByAJmxClientOnTheSameMachine() throws Exception {
        try (JMXConnector connector = libertyLocalJmx()) {
            readAndInvokeTheMBeans(connector.getMBeanServerConnection());
        }
    }

    /** A JMX connection to the IT Liberty server's JVM through the JDK's local management agent (attach). */
    static JMXConnector libertyLocalJmx() throws Exception {
        VirtualMachine server = VirtualMachine.attach(String.valueOf(libertyServerProcess()));
        String address;
        try {
            address = server.startLocalManagementAgent();
        } finally {
            server.detach();
        }
        assertThat(address).as("the local JMX agent's address").startsWith("service:jmx:rmi://127.0.0.1/");
        return JMXConnectorFactory.connect(new JMXServiceURL(address));
    }

    /** The IT Liberty server's JVM: the one started with this Liberty installation's java agent. */
    private static long libertyServerProcess() {
        String agent = "-javaagent:"
                + ItServer.libertyServerDir()
                        .toAbsolutePath()
                        .getParent()
                        .getParent()
                        .getParent()
                        .resolve("bin/tools/ws-javaagent.jar");
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(agent))
                .toList();
        assertThat(servers).as("the Liberty JVM started with " + agent).hasSize(1);
        return servers.get(0).pid();
    }

    /**
     * Ingestion's LastFailure, RunningExecutions, RowsPerSecond and stopExecution, Storage's counts and Audit's
     * verifyChain over {@code server}; the stop and the verification are audited as the JMX caller's.
     */
    private void readAndInvokeTheMBeans(MBeanServerConnection server) throws Exception {
        try (Connection source = ItDatabase.connectCreating(DATABASE);
                Statement sql = source.createStatement()) {
            createTextTable(sql, "public.long_running", 60000);
            sql.execute("DROP TABLE IF EXISTS public.doomed");
            sql.execute("CREATE TABLE public.doomed (id bigint PRIMARY KEY)");
        }
        String assetId = runs.createAsset(
                "jmx", "long_running", List.of(column("id", "int64", false), column("v", "string", true)));
        String jobId = runs.createTableJob("jmx long", assetId, 100, DATABASE, "public.long_running");
        String doomedAsset = runs.createAsset("jmx", "doomed", List.of(column("id", "int64", false)));
        String doomedJob = runs.createJob("jmx doomed", doomedAsset, "postgresTable", sourceTable("public.doomed"))
                .get("id")
                .asText();
        try (Connection source = ItDatabase.connectCreating(DATABASE);
                Statement sql = source.createStatement()) {
            sql.execute("DROP TABLE public.doomed");
        }
        String failed = runs.awaitEnd(runs.start(doomedJob)).get("executionId").asText();

        ObjectName ingestion = new ObjectName("coop.cpc.lakehouse:type=Ingestion");
        ObjectName storage = new ObjectName("coop.cpc.lakehouse:type=Storage");
        ObjectName audit = new ObjectName("coop.cpc.lakehouse:type=Audit");

        assertThat((String) server.getAttribute(ingestion, "LastFailure")).contains("execution " + failed);
        // A failure's text may quote what the run read: the read is audited, on behalf of the JMX caller.
        assertThat(lastEntryOf("job_execution", "%IngestionActivity.lastFailure"))
                .isEqualTo(List.of("READ", "none", "jmx", "JMX caller"));
        // It names the execution whose exit status it showed.
        assertThat(ItDatabase.rows("SELECT resource_id FROM lakehouse.audit_logs WHERE resource_type = 'job_execution'"
                        + " AND details->>'operation' LIKE '%IngestionActivity.lastFailure' ORDER BY occurred_at DESC"
                        + " LIMIT 1"))
                .containsExactly(List.of(failed));

        String running = runs.start(jobId);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while ((Integer) server.getAttribute(ingestion, "RunningExecutions") == 0
                || (Double) server.getAttribute(ingestion, "RowsPerSecond") <= 0) {
            assertThat(runs.execution(running).get("batchStatus").asText())
                    .as("the run ended before JMX saw it")
                    .isIn("STARTING", "STARTED");
            assertThat(Instant.now()).as("JMX never saw the run with rows").isBefore(deadline);
            TimeUnit.MILLISECONDS.sleep(200);
        }
        String stopped = (String) server.invoke(
                ingestion, "stopExecution", new Object[] {Long.parseLong(running)}, new String[] {"long"});
        assertThat(stopped).contains("execution " + running);
        assertThat(runs.awaitEnd(running).get("batchStatus").asText()).isEqualTo("STOPPED");
        assertThat((Integer) server.getAttribute(ingestion, "RunningExecutions"))
                .isZero();

        assertThat((Long) server.getAttribute(storage, "Assets")).isGreaterThanOrEqualTo(3);
        assertThat((Long) server.getAttribute(storage, "Segments")).isGreaterThanOrEqualTo(0);
        assertThat((Long) server.getAttribute(storage, "Bytes")).isGreaterThanOrEqualTo(0);
        assertThat((Long) server.getAttribute(storage, "OrphanFiles")).isGreaterThanOrEqualTo(0);

        assertThat((Long) server.getAttribute(audit, "Entries")).isPositive();
        assertThat(server.getAttribute(audit, "ChainIntact")).isNull();
        assertThat(server.getAttribute(audit, "BrokenEntries")).isNull();
        assertThat((String) server.invoke(audit, "verifyChain", new Object[0], new String[0]))
                .startsWith("intact");
        assertThat(server.getAttribute(audit, "ChainIntact")).isEqualTo(Boolean.TRUE);
        assertThat(server.getAttribute(audit, "BrokenEntries")).isEqualTo(0L);

        // Both operations went through the audited services on behalf of the JMX caller, not as "anonymous".
        assertThat(lastEntry("job_execution", "stop")).isEqualTo(List.of("MANAGE", "none", "jmx", "JMX caller"));
        assertThat(lastEntry("audit_log", "verify")).isEqualTo(List.of("READ", "none", "jmx", "JMX caller"));
        // The stop names the run it stopped (before: no resource id, an execution's id being a number).
        assertThat(ItDatabase.rows("SELECT resource_id FROM lakehouse.audit_logs WHERE resource_type = 'job_execution'"
                        + " AND details->>'operation' LIKE '%Service.stop' ORDER BY occurred_at DESC LIMIT 1"))
                .containsExactly(List.of(running));
    }

    /**
     * The action, actor_role and channel of the newest audit entry of the service method {@code method} on
     * {@code resourceType}, and whether its actor is the JMX caller: a pseudonym no anonymous entry (timers,
     * start-up) has.
     */
    private static List<String> lastEntry(String resourceType, String method) throws SQLException {
        return lastEntryOf(resourceType, "%Service." + method);
    }

    /** {@link #lastEntry} of the operations (class.method) that match the LIKE pattern {@code operation}. */
    private static List<String> lastEntryOf(String resourceType, String operation) throws SQLException {
        List<List<String>> entries = ItDatabase.rows(
                "SELECT e.action, e.actor_role, e.details->>'channel', NOT EXISTS (SELECT 1 FROM lakehouse.audit_logs a"
                        + " WHERE a.actor_role = 'anonymous' AND a.actor_pseudonym = e.actor_pseudonym)"
                        + " FROM lakehouse.audit_logs e WHERE e.resource_type = ? AND e.details->>'operation' LIKE ?"
                        + " ORDER BY e.occurred_at DESC LIMIT 1",
                resourceType,
                operation);
        assertThat(entries).as("an audit entry of " + operation).isNotEmpty();
        List<String> entry = entries.get(0);
        return List.of(
                entry.get(0),
                entry.get(1),
                String.valueOf(entry.get(2)),
                entry.get(3).equals("t") ? "JMX caller" : "anonymous's pseudonym");
    }

    /** add-user.sh writes the management realm's files; the realm reloads them on request. */
    /** A source table {@code (id bigint PRIMARY KEY, v text)} holding the rows 1 to {@code rows}, made anew. */
    private static void createTextTable(Statement sql, String table, int rows) throws SQLException {
        sql.execute("DROP TABLE IF EXISTS " + table);
        sql.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, v text)");
        sql.execute("INSERT INTO " + table + " SELECT g, 'v' || g FROM generate_series(1, " + rows + ") g");
    }

    /** The postgresTable source of a job reading {@code table} of the test's source database. */
    private static Map<String, Object> sourceTable(String table) {
        return Map.of("url", ItDatabase.url(DATABASE), "user", "postgres", "table", table);
    }

    /** A management-realm user (JMX remoting signs in with it); CdcStreamIT uses it too. */
    static void addManagementUser(String user, String password) throws Exception {
        WildFlyCli.run(WildFlyCli.home().resolve("bin/add-user.sh").toString(), "-u", user, "-p", password, "-s", "-e");
        WildFlyCli.operation("/subsystem=elytron/properties-realm=ManagementRealm:load");
    }

    /**
     * The Prometheus text an operator's scraper gets: WildFly's management port without credentials;
     * Liberty's HTTPS port as the metrics user (it/pom.xml), trusting the server's generated TLS key.
     */
    static String scrape() throws Exception {
        HttpResponse<String> answer = liberty()
                ? libertyMetrics(System.getProperty("lakehouse.it.metrics.user") + ":"
                        + System.getProperty("lakehouse.it.metrics.password"))
                : get("/metrics");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    /** GET of Liberty's https://localhost:<https.port>/metrics, with Basic credentials unless null. */
    private static HttpResponse<String> libertyMetrics(String credentials) throws Exception {
        Properties server = libertyServer();
        Path folder = Path.of(System.getProperty("lakehouse.it.liberty.server.dir"));
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(folder.resolve("resources/security/key.p12"))) {
            trusted.load(in, server.getProperty("keystore_password").toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("https://localhost:" + server.getProperty("https.port") + "/metrics"))
                .timeout(Duration.ofSeconds(30));
        if (credentials != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(10))
                .build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The IT server's bootstrap.properties (https.port) and server.env (keystore_password). */
    private static Properties libertyServer() throws IOException {
        Path folder = Path.of(System.getProperty("lakehouse.it.liberty.server.dir"));
        Properties server = new Properties();
        for (String file : List.of("bootstrap.properties", "server.env")) {
            try (InputStream in = Files.newInputStream(folder.resolve(file))) {
                server.load(in);
            }
        }
        return server;
    }

    private static boolean liberty() {
        return "liberty".equals(System.getProperty("arquillian.launch"));
    }

    /** /health/ready: WildFly's management port, Liberty's HTTP port. */
    private static HttpResponse<String> readiness() throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(ItServer.health("/ready")))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:"
                                + System.getProperty("lakehouse.it.management.port", "10090") + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode check(HttpResponse<String> response, String name) throws IOException {
        for (JsonNode check : GraphQlClient.JSON.readTree(response.body()).get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + response.body());
    }

    /** The sum of a metric's samples whose labels contain {@code label} (all samples when empty). */
    static double value(String metrics, String name, String label) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> label.isEmpty() || l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
