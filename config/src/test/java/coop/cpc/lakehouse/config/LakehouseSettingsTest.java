package coop.cpc.lakehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakehouseSettingsTest {
    /** 32 bytes: the shortest audit pseudonym key accepted. */
    private static final String AUDIT_KEY = "k3y-material-of-thirty-two-bytes";

    @TempDir
    Path dir;

    @Test
    void usesTheDefaultsWhenNothingIsConfigured() {
        LakehouseSettings settings = LakehouseSettings.from(name -> Optional.empty());

        assertThat(settings.postgresqlConnection()).isEmpty();
        assertThat(settings.webmStoragePath()).isEqualTo(Path.of("var/webm"));
        assertThat(settings.auditLogRetentionDays()).isEqualTo(365);
        assertThat(settings.cdcReplicationSlot()).isEqualTo("lakehouse_cdc");
    }

    @Test
    void theServerHeapIsTwoGibibytesUnlessSetWithinItsBounds() {
        assertThat(LakehouseSettings.from(name -> Optional.empty()).serverHeapMb())
                .isEqualTo(2048);
        assertThat(LakehouseSettings.from(only("data_lakehouse.server_heap_mb", " 4096 "))
                        .serverHeapMb())
                .isEqualTo(4096);
        assertThat(LakehouseSettings.from(only("data_lakehouse.server_heap_mb", "1024"))
                        .serverHeapMb())
                .isEqualTo(1024);

        for (String wrong : new String[] {"1023", "65537", "2g", "-1", ""}) {
            assertThatThrownBy(() -> LakehouseSettings.from(only("data_lakehouse.server_heap_mb", wrong)))
                    .as(wrong)
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("data_lakehouse.server_heap_mb")
                    .hasMessageContaining("expected a heap size in MiB from 1024 to 65536");
        }
    }

    private static java.util.function.Function<String, Optional<String>> only(String name, String value) {
        return asked -> asked.equals(name) ? Optional.of(value) : Optional.empty();
    }

    @Test
    void readsTheSeedsJsonFile() throws Exception {
        Path file = write("""
                {"data_lakehouse": {
                  "postgresql_connection": "postgresql://user:password@localhost:5432/lakehouse",
                  "webm_storage_path": "/var/lib/lakehouse/webm",
                  "audit_log_retention_days": 30,
                  "cdc_replication_slot": "lakehouse_cdc"
                }}""");

        LakehouseSettings settings = LakehouseSettings.from(lookup(new JsonFileConfigSource(Optional.of(file))));

        assertThat(settings.postgresqlConnection())
                .get()
                .extracting(PostgresConnection::jdbcUrl)
                .isEqualTo("jdbc:postgresql://localhost:5432/lakehouse");
        assertThat(settings.webmStoragePath()).isEqualTo(Path.of("/var/lib/lakehouse/webm"));
        assertThat(settings.auditLogRetentionDays()).isEqualTo(30);
    }

    @Test
    void anOidcClientIdNeedsAnIssuerUrlAndIsBounded() {
        assertThat(LakehouseSettings.from(name -> Optional.empty()).oidcClientId())
                .isEmpty();
        Map<String, String> withUrl = Map.of(
                "data_lakehouse.oidc_client_id", "lakehouse-console",
                "data_lakehouse.jwt_issuer", "https://id.example.org/realms/lakehouse");
        assertThat(LakehouseSettings.from(name -> Optional.ofNullable(withUrl.get(name)))
                        .oidcClientId())
                .contains("lakehouse-console");

        Map<String, String> localIssuer = Map.of("data_lakehouse.oidc_client_id", "lakehouse-console");
        assertThatThrownBy(() -> LakehouseSettings.from(name -> Optional.ofNullable(localIssuer.get(name))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("data_lakehouse.jwt_issuer must be the OIDC provider's issuer URL")
                .hasMessageContaining("'lakehouse-local'");
        Map<String, String> tooLong = Map.of(
                "data_lakehouse.oidc_client_id",
                "c".repeat(256),
                "data_lakehouse.jwt_issuer",
                "https://id.example.org/realms/lakehouse");
        assertThatThrownBy(() -> LakehouseSettings.from(name -> Optional.ofNullable(tooLong.get(name))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("data_lakehouse.oidc_client_id must be at most 255 visible ASCII characters");
    }

    @Test
    void anOidcTokenEndpointIsTheConsolesOnlyWithAClientIdAndAnHttpsUrl() {
        Map<String, String> google = Map.of(
                "data_lakehouse.oidc_client_id", "lakehouse-console.apps.googleusercontent.com",
                "data_lakehouse.jwt_issuer", "https://accounts.google.com",
                "data_lakehouse.oidc_token_endpoint", "https://oauth2.googleapis.com/token");
        assertThat(LakehouseSettings.from(name -> Optional.ofNullable(google.get(name)))
                        .oidcTokenEndpoint())
                .contains("https://oauth2.googleapis.com/token");
        assertThat(LakehouseSettings.from(name -> Optional.empty()).oidcTokenEndpoint())
                .isEmpty();

        Map<String, String> plainHttp = Map.of(
                "data_lakehouse.oidc_client_id", "lakehouse-console",
                "data_lakehouse.jwt_issuer", "https://id.example.org/realms/lakehouse",
                "data_lakehouse.oidc_token_endpoint", "http://id.example.org/token");
        assertThatThrownBy(() -> LakehouseSettings.from(name -> Optional.ofNullable(plainHttp.get(name))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("data_lakehouse.oidc_token_endpoint must not be reached over plain http on "
                        + "another machine (use https) (value: 'http://id.example.org/token'); expected an "
                        + "absolute https URL of at most 2048 characters");

        Map<String, String> withoutClient =
                Map.of("data_lakehouse.oidc_token_endpoint", "https://oauth2.googleapis.com/token");
        assertThatThrownBy(() -> LakehouseSettings.from(name -> Optional.ofNullable(withoutClient.get(name))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(
                        "data_lakehouse.oidc_token_endpoint is set, but data_lakehouse.oidc_client_id " + "is not");
    }

    @Test
    void anInvalidValueNamesTheKeyAndTheProblem() {
        Map<String, String> raw = Map.of(
                "data_lakehouse.audit_log_retention_days",
                "forever",
                "data_lakehouse.cdc_replication_slot",
                "Bad-Slot");

        assertThatThrownBy(() -> LakehouseSettings.from(name -> Optional.ofNullable(raw.get(name))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("data_lakehouse.audit_log_retention_days must be an integer (value: 'forever')")
                .hasMessageContaining("data_lakehouse.cdc_replication_slot must match [a-z_][a-z0-9_]{0,62}");
    }

    @Test
    void theJobHistoryRetentionIsNinetyDaysUnlessSetAndOutsideOneToTenYearsItIsRefusedNamingTheKey() {
        assertThat(LakehouseSettings.from(name -> Optional.empty()).jobHistoryRetentionDays())
                .isEqualTo(90);
        assertThat(LakehouseSettings.from(
                                name -> Optional.ofNullable(Map.of("data_lakehouse.job_history_retention_days", "3650")
                                        .get(name)))
                        .jobHistoryRetentionDays())
                .isEqualTo(3650);
        for (String outside : new String[] {"0", "3651"}) {
            Map<String, String> raw = Map.of("data_lakehouse.job_history_retention_days", outside);
            assertThatThrownBy(() -> LakehouseSettings.from(name -> Optional.ofNullable(raw.get(name))))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("data_lakehouse.job_history_retention_days must be from 1 to 3650");
        }
    }

    @Test
    void anInvalidConnectionIsReportedWithoutItsPassword() {
        assertThatThrownBy(() -> LakehouseSettings.from(name -> name.endsWith("postgresql_connection")
                        ? Optional.of("mysql://u:hunter2@h/db")
                        : Optional.empty()))
                .hasMessageContaining("data_lakehouse.postgresql_connection must start with postgresql://")
                .message()
                .doesNotContain("hunter2");
    }

    @Test
    void describeMasksThePassword() {
        LakehouseSettings settings = LakehouseSettings.from(name ->
                name.endsWith("postgresql_connection") ? Optional.of("postgresql://u:hunter2@h/db") : Optional.empty());

        assertThat(settings.describe()).contains("postgresql://u:***@h:5432/db").doesNotContain("hunter2");
    }

    @Test
    void describeHidesTheAuditKey() {
        LakehouseSettings settings = LakehouseSettings.from(
                name -> name.endsWith("audit_pseudonym_key") ? Optional.of(AUDIT_KEY) : Optional.empty());

        assertThat(settings.describe())
                .contains("data_lakehouse.audit_pseudonym_key=***")
                .doesNotContain(AUDIT_KEY);
        assertThat(settings.auditPseudonymKey()).contains(AUDIT_KEY);
    }

    @Test
    void refusesAShortAuditPseudonymKeyWithoutEchoingIt() {
        String shortKey = "k3y-material-31-bytes-long-xxxx";

        assertThatThrownBy(() -> LakehouseSettings.from(
                        name -> name.endsWith("audit_pseudonym_key") ? Optional.of(shortKey) : Optional.empty()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("data_lakehouse.audit_pseudonym_key must be from 32 to 1024 bytes")
                .message()
                .doesNotContain(shortKey);
    }

    @Test
    void refusesAnAuditPseudonymKeyOverOneKibibyte() {
        String longKey = "k".repeat(1025);

        assertThatThrownBy(() -> LakehouseSettings.from(
                        name -> name.endsWith("audit_pseudonym_key") ? Optional.of(longKey) : Optional.empty()))
                .hasMessageContaining("data_lakehouse.audit_pseudonym_key must be from 32 to 1024 bytes")
                .message()
                .doesNotContain(longKey);
        assertThat(LakehouseSettings.from(name ->
                                name.endsWith("audit_pseudonym_key") ? Optional.of("k".repeat(1024)) : Optional.empty())
                        .auditPseudonymKey())
                .contains("k".repeat(1024));
    }

    @Test
    void anUnsetOrBlankAuditPseudonymKeyMeansARandomKeyPerStart() {
        assertThat(LakehouseSettings.from(name -> Optional.empty()).auditPseudonymKey())
                .isEmpty();
        assertThat(LakehouseSettings.from(
                                name -> name.endsWith("audit_pseudonym_key") ? Optional.of("  ") : Optional.empty())
                        .auditPseudonymKey())
                .isEmpty();
    }

    @Test
    void refusesAFileThatIsNotJson() throws Exception {
        Path file = write("{\"data_lakehouse\": {\"webm_storage_path\": }");

        assertThatThrownBy(() -> new JsonFileConfigSource(Optional.of(file)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("is not valid JSON (line 1, column");
    }

    @Test
    void refusesAKeyNamedTwiceInsteadOfKeepingTheLastValue() throws Exception {
        Path file = write("""
                {"data_lakehouse": {
                  "jwt_issuer": "https://sso.example.org/realms/cpc",
                  "jwt_issuer": "lakehouse-local"
                }}""");

        assertThatThrownBy(() -> new JsonFileConfigSource(Optional.of(file)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("names 'jwt_issuer' twice in one object (line 3, column");
    }

    @Test
    void refusesASecondSectionInsteadOfDroppingTheFirst() throws Exception {
        Path file = write("""
                {"data_lakehouse": {"postgresql_connection": "postgresql://u:s3cret@db.example.org/lakehouse"},
                 "data_lakehouse": {"audit_log_retention_days": 30}}""");

        assertThatThrownBy(() -> new JsonFileConfigSource(Optional.of(file)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("names 'data_lakehouse' twice in one object")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void refusesASecondObjectAfterTheFirstInsteadOfIgnoringIt() throws Exception {
        Path file = write("""
                {"data_lakehouse": {"audit_log_retention_days": 30}}
                {"data_lakehouse": {"jwt_audience": "s3cret-looking"}}""");

        assertThatThrownBy(() -> new JsonFileConfigSource(Optional.of(file)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("holds more than one JSON value (line 2, column")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void refusesAnUnknownKey() throws Exception {
        Path file = write("{\"data_lakehouse\": {\"webm_storage_pth\": \"/x\"}}");

        assertThatThrownBy(() -> new JsonFileConfigSource(Optional.of(file)))
                .hasMessageEndingWith("unknown key data_lakehouse.webm_storage_pth");
    }

    @Test
    void refusesAFileWithoutTheSeedsSection() throws Exception {
        Path file = write("{\"webm_storage_path\": \"/x\"}");

        assertThatThrownBy(() -> new JsonFileConfigSource(Optional.of(file)))
                .hasMessageContaining("must hold an object {\"data_lakehouse\": {...}}");
    }

    @Test
    void sitsBelowEnvironmentAndSystemProperties() {
        assertThat(new JsonFileConfigSource(Optional.empty()).getOrdinal()).isLessThan(300);
    }

    private Path write(String json) throws Exception {
        Path file = dir.resolve("lakehouse.json");
        Files.writeString(file, json);
        return file;
    }

    private static java.util.function.Function<String, Optional<String>> lookup(JsonFileConfigSource source) {
        return name -> Optional.ofNullable(source.getValue(name));
    }

    @Test
    void requestAndResponseByteLimitsHaveDefaultsAndAnUpperBound() {
        LakehouseSettings defaults = LakehouseSettings.from(name -> Optional.empty());
        assertThat(defaults.graphqlMaxResponseBytes()).isEqualTo(16_777_216L);
        assertThat(defaults.graphqlMaxRequestBytes()).isEqualTo(8_388_608);

        assertThatThrownBy(() -> LakehouseSettings.from(name ->
                        Optional.ofNullable(Map.of("data_lakehouse.graphql_max_response_bytes", "9223372036854775807")
                                .get(name))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("data_lakehouse.graphql_max_response_bytes must be from 1024 to 268435456");
        assertThatThrownBy(() -> LakehouseSettings.from(name -> Optional.ofNullable(
                        Map.of("data_lakehouse.graphql_max_request_bytes", "0").get(name))))
                .hasMessageContaining("data_lakehouse.graphql_max_request_bytes must be from 1024 to 268435456");
    }

    @Test
    void theScanBudgetOfARequestHasADefaultAndBothBounds() {
        assertThat(LakehouseSettings.from(name -> Optional.empty()).graphqlMaxScanRows())
                .isEqualTo(4_194_304L);
        assertThat(LakehouseSettings.from(
                                name -> Optional.ofNullable(Map.of("data_lakehouse.graphql_max_scan_rows", "67108864")
                                        .get(name)))
                        .graphqlMaxScanRows())
                .isEqualTo(67_108_864L);

        assertThatThrownBy(() -> LakehouseSettings.from(
                        name -> Optional.ofNullable(Map.of("data_lakehouse.graphql_max_scan_rows", "67108865")
                                .get(name))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("data_lakehouse.graphql_max_scan_rows must be from 1024 to 67108864");
        assertThatThrownBy(() -> LakehouseSettings.from(name -> Optional.ofNullable(
                        Map.of("data_lakehouse.graphql_max_scan_rows", "1023").get(name))))
                .hasMessageContaining("data_lakehouse.graphql_max_scan_rows must be from 1024 to 67108864");
    }

    @Test
    void auditGroupCommitEntriesDefaultsTo256AndIsBoundedTo4096() {
        assertThat(LakehouseSettings.from(name -> Optional.empty()).auditGroupCommitEntries())
                .isEqualTo(256);
        assertThat(LakehouseSettings.from(
                                name -> Optional.ofNullable(Map.of("data_lakehouse.audit_group_commit_entries", "1")
                                        .get(name)))
                        .auditGroupCommitEntries())
                .isEqualTo(1);
        assertThatThrownBy(() -> LakehouseSettings.from(
                        name -> Optional.ofNullable(Map.of("data_lakehouse.audit_group_commit_entries", "4097")
                                .get(name))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("data_lakehouse.audit_group_commit_entries must be from 1 to 4096");
    }

    @Test
    void ingestionChunksInFlightDefaultsToTwoAndIsBoundedToSixteen() {
        assertThat(LakehouseSettings.from(name -> Optional.empty()).ingestionChunksInFlight())
                .isEqualTo(2);
        assertThat(LakehouseSettings.from(
                                name -> Optional.ofNullable(Map.of("data_lakehouse.ingestion_chunks_in_flight", "16")
                                        .get(name)))
                        .ingestionChunksInFlight())
                .isEqualTo(16);
        assertThatThrownBy(() -> LakehouseSettings.from(
                        name -> Optional.ofNullable(Map.of("data_lakehouse.ingestion_chunks_in_flight", "17")
                                .get(name))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("data_lakehouse.ingestion_chunks_in_flight must be from 1 to 16");
        assertThatThrownBy(() -> LakehouseSettings.from(name -> Optional.ofNullable(
                        Map.of("data_lakehouse.ingestion_chunks_in_flight", "0").get(name))))
                .hasMessageContaining("data_lakehouse.ingestion_chunks_in_flight must be from 1 to 16");
    }
}
