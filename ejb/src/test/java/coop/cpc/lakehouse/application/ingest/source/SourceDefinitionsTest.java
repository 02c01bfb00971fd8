package coop.cpc.lakehouse.application.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.job.source.FileDropSource;
import coop.cpc.lakehouse.application.job.source.HttpApiSource;
import coop.cpc.lakehouse.application.job.source.PostgresTableSource;
import coop.cpc.lakehouse.application.job.source.SledSource;
import coop.cpc.lakehouse.application.job.source.SourceDefinition;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceDefinitionsTest {

    @Test
    void everyKindOfSourceSurvivesTheCatalogsJson() {
        List<SourceDefinition> sources = List.of(
                new PostgresTableSource("jdbc:postgresql://db:5432/crm", "reader", "crm_password", "public.customers",
                        List.of("id", "name")),
                new SledSource("/inbox/sled/db1", List.of("users"), "raw", "db1", SledSource.SledValueFormat.JSON,
                        List.of(new ColumnSpec("hr", new ColumnType("int32"), true, false, PiiCategory.NONE))),
                new HttpApiSource("https://api.example.org/v1/visits", "/data",
                        new HttpApiSource.Pagination(HttpApiSource.PaginationKind.CURSOR, null, null, null, "/next", "cursor"),
                        new HttpApiSource.Auth(HttpApiSource.AuthKind.BEARER, "visits_token", null, null), 5, 30, 2, 1024L, 10),
                new FileDropSource("/inbox/drops", "*.csv", 2048L, null));

        for (SourceDefinition source : sources) {
            String json = SourceDefinitions.write(source);
            assertThat(SourceDefinitions.read(json)).as(json).isEqualTo(source);
            assertThat(json).contains("\"kind\":\"" + source.type().name() + "\"");
        }
    }

    @Test
    void theShownJsonMasksCredentialsThatJobsStoredBeforeTheyWereRefusedMayHold() {
        String stored = SourceDefinitions.write(new HttpApiSource(
                "https://u:pw-in-userinfo@api.example.org/v1?page=2&api_key=k3y-value&access_token=t0ken-value#x", "/data",
                null, null, null, null, null, null, null));

        String shown = SourceDefinitions.forDisplay(stored);

        assertThat(shown).contains("https://api.example.org/v1?page=2&api_key=***&access_token=***#x")
                .doesNotContain("k3y-value").doesNotContain("t0ken-value").doesNotContain("pw-in-userinfo");
        String plain = SourceDefinitions.write(new FileDropSource("/inbox/drops", "*.csv", 2048L, null));
        assertThat(SourceDefinitions.forDisplay(plain)).isEqualTo(plain);
    }

    @Test
    void theStoredJsonHoldsAliasesNeverSecrets() {
        String json = SourceDefinitions.write(new HttpApiSource("https://api.example.org", null, null,
                new HttpApiSource.Auth(HttpApiSource.AuthKind.BASIC, "crm_password", "etl", null), null, null, null, null, null));

        assertThat(json).contains("\"secretAlias\":\"crm_password\"").doesNotContain("password\":");
    }

    @Test
    void anUnknownFieldInTheCatalogIsAnError() {
        assertThatThrownBy(() -> SourceDefinitions.read("{\"kind\":\"FILE_DROP\",\"directory\":\"/d\",\"glob\":\"*\",\"extra\":1}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("extra");
    }

    @Test
    void incrementalSourcesAppendAndWholeExtractsOverwrite() {
        assertThat(SourceDefinitions.snapshotOperation(new PostgresTableSource("u", "r", null, "t", null)))
                .isEqualTo(SnapshotOperation.APPEND);
        assertThat(SourceDefinitions.snapshotOperation(new FileDropSource("/d", "*", null, null)))
                .isEqualTo(SnapshotOperation.APPEND);
        assertThat(SourceDefinitions.snapshotOperation(new SledSource("/s", null, "n", "p", null, null)))
                .isEqualTo(SnapshotOperation.OVERWRITE);
        assertThat(SourceDefinitions.snapshotOperation(new HttpApiSource("https://x", null, null, null, null, null, null,
                null, null))).isEqualTo(SnapshotOperation.OVERWRITE);
    }
}
