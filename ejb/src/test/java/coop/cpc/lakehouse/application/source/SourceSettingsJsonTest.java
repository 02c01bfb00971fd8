package coop.cpc.lakehouse.application.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.source.files.FileDropSettings;
import coop.cpc.lakehouse.application.source.http.HttpApiSettings;
import coop.cpc.lakehouse.application.source.postgres.PostgresTableSettings;
import coop.cpc.lakehouse.application.source.registry.SourceKinds;
import coop.cpc.lakehouse.application.source.registry.SourceSettingsJson;
import coop.cpc.lakehouse.application.source.sled.SledSettings;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.ingest.sled.SledValueFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceSettingsJsonTest {

    @Test
    void everyKindOfSourceSurvivesTheCatalogsJson() {
        List<SourceSettings> sources = List.of(
                new PostgresTableSettings(
                        "jdbc:postgresql://db:5432/crm",
                        "reader",
                        "crm_password",
                        "public.customers",
                        List.of("id", "name")),
                new SledSettings(
                        "/inbox/sled/db1",
                        List.of("users"),
                        "raw",
                        "db1",
                        SledValueFormat.JSON,
                        List.of(new ColumnSpec("hr", new ColumnType("int32"), true, false, PiiCategory.NONE))),
                new HttpApiSettings(
                        "https://api.example.org/v1/visits",
                        "/data",
                        new HttpApiSettings.Pagination(
                                HttpApiSettings.PaginationKind.CURSOR, null, null, null, "/next", "cursor"),
                        new HttpApiSettings.Auth(HttpApiSettings.AuthKind.BEARER, "visits_token", null, null),
                        5,
                        30,
                        2,
                        1024L,
                        10),
                new FileDropSettings("/inbox/drops", "*.csv", 2048L, null));

        for (SourceSettings source : sources) {
            String json = SourceSettingsJson.write(source);
            assertThat(SourceSettingsJson.read(json)).as(json).isEqualTo(source);
            assertThat(json)
                    .contains("\"kind\":\"" + SourceKinds.of(source).type().name() + "\"");
        }
    }

    @Test
    void theShownJsonMasksCredentialsThatJobsStoredBeforeTheyWereRefusedMayHold() {
        String stored = SourceSettingsJson.write(new HttpApiSettings(
                "https://u:pw-in-userinfo@api.example.org/v1?page=2&api_key=k3y-value&access_token=t0ken-value#x",
                "/data",
                null,
                null,
                null,
                null,
                null,
                null,
                null));

        String shown = SourceSettingsJson.forDisplay(stored);

        assertThat(shown)
                .contains("https://api.example.org/v1?page=2&api_key=***&access_token=***#x")
                .doesNotContain("k3y-value")
                .doesNotContain("t0ken-value")
                .doesNotContain("pw-in-userinfo");
        String plain = SourceSettingsJson.write(new FileDropSettings("/inbox/drops", "*.csv", 2048L, null));
        assertThat(SourceSettingsJson.forDisplay(plain)).isEqualTo(plain);
    }

    @Test
    void theStoredJsonHoldsAliasesNeverSecrets() {
        String json = SourceSettingsJson.write(new HttpApiSettings(
                "https://api.example.org",
                null,
                null,
                new HttpApiSettings.Auth(HttpApiSettings.AuthKind.BASIC, "crm_password", "etl", null),
                null,
                null,
                null,
                null,
                null));

        assertThat(json).contains("\"secretAlias\":\"crm_password\"").doesNotContain("password\":");
    }

    @Test
    void anUnknownFieldInTheCatalogIsAnError() {
        assertThatThrownBy(() -> SourceSettingsJson.read(
                        "{\"kind\":\"FILE_DROP\",\"directory\":\"/d\",\"glob\":\"*\",\"extra\":1}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("extra");
    }

    @Test
    void incrementalSourcesAppendAndWholeExtractsOverwrite() {
        assertThat(snapshotOperation(new PostgresTableSettings("u", "r", null, "t", null)))
                .isEqualTo(SnapshotOperation.APPEND);
        assertThat(snapshotOperation(new FileDropSettings("/d", "*", null, null)))
                .isEqualTo(SnapshotOperation.APPEND);
        assertThat(snapshotOperation(new SledSettings("/s", null, "n", "p", null, null)))
                .isEqualTo(SnapshotOperation.OVERWRITE);
        assertThat(snapshotOperation(new HttpApiSettings("https://x", null, null, null, null, null, null, null, null)))
                .isEqualTo(SnapshotOperation.OVERWRITE);
    }

    private static SnapshotOperation snapshotOperation(SourceSettings settings) {
        return SourceKinds.of(settings).snapshotOperation();
    }
}
