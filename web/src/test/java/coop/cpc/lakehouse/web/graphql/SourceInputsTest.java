package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.source.files.FileDropSettings;
import coop.cpc.lakehouse.application.source.http.HttpApiSettings;
import coop.cpc.lakehouse.application.source.postgres.PostgresTableSettings;
import coop.cpc.lakehouse.application.source.sled.SledSettings;
import coop.cpc.lakehouse.web.graphql.dto.ColumnInput;
import coop.cpc.lakehouse.web.graphql.dto.FileDropSourceInput;
import coop.cpc.lakehouse.web.graphql.dto.HttpApiSourceInput;
import coop.cpc.lakehouse.web.graphql.dto.HttpAuthInput;
import coop.cpc.lakehouse.web.graphql.dto.HttpAuthKind;
import coop.cpc.lakehouse.web.graphql.dto.HttpPaginationInput;
import coop.cpc.lakehouse.web.graphql.dto.HttpPaginationKind;
import coop.cpc.lakehouse.web.graphql.dto.PostgresTableSourceInput;
import coop.cpc.lakehouse.web.graphql.dto.SledSourceInput;
import coop.cpc.lakehouse.web.graphql.dto.SledValueFormat;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceInputsTest {
    private static final PostgresTableSourceInput POSTGRES = new PostgresTableSourceInput(
            "jdbc:postgresql://db:5432/clinic", "reader", "clinic-db", "public.visits", List.of("id", "seen_at"));
    private static final SledSourceInput SLED =
            new SledSourceInput("/data/sled/vitals", null, "vitals", "raw", null, null);
    private static final HttpApiSourceInput HTTP =
            new HttpApiSourceInput("https://api.example.org/v1/items", null, null, null, null, null, null, null, null);
    private static final FileDropSourceInput FILE_DROP = new FileDropSourceInput("/data/drop", "*.csv", null, null);

    @Test
    void mapsPostgresTable() throws InvalidInputException {
        assertThat(new SourceInputs(POSTGRES, null, null, null).required())
                .isEqualTo(new PostgresTableSettings(
                        "jdbc:postgresql://db:5432/clinic",
                        "reader",
                        "clinic-db",
                        "public.visits",
                        List.of("id", "seen_at")));
    }

    @Test
    void mapsPostgresTableWithoutColumnsToAllColumns() throws InvalidInputException {
        PostgresTableSourceInput input =
                new PostgresTableSourceInput("jdbc:postgresql://db/clinic", "reader", null, "public.visits", null);
        assertThat(((PostgresTableSettings) new SourceInputs(input, null, null, null).required()).columns())
                .isEmpty();
    }

    @Test
    void mapsSledWithDefaults() throws InvalidInputException {
        assertThat(new SourceInputs(null, SLED, null, null).required())
                .isEqualTo(new SledSettings(
                        "/data/sled/vitals",
                        List.of(),
                        "vitals",
                        "raw",
                        coop.cpc.lakehouse.ingest.sled.SledValueFormat.BYTES,
                        List.of()));
    }

    @Test
    void mapsSledJsonValueColumnsAsAssetApiMapsColumns() throws InvalidInputException {
        SledSourceInput input = new SledSourceInput(
                "/data/sled/vitals",
                List.of("__sled__default", "pulse"),
                "vitals",
                "raw",
                SledValueFormat.JSON,
                List.of(
                        new ColumnInput("bpm", "int32", false, null, null),
                        new ColumnInput("note", "string", null, null, null)));
        assertThat(new SourceInputs(null, input, null, null).required())
                .isEqualTo(new SledSettings(
                        "/data/sled/vitals",
                        List.of("__sled__default", "pulse"),
                        "vitals",
                        "raw",
                        coop.cpc.lakehouse.ingest.sled.SledValueFormat.JSON,
                        List.of(
                                new ColumnSpec("bpm", new ColumnType("int32"), false, false, PiiCategory.NONE),
                                new ColumnSpec("note", new ColumnType("string"), true, false, PiiCategory.NONE))));
    }

    @Test
    void refusesSledValueColumnOfUnknownType() {
        SledSourceInput input = new SledSourceInput(
                "/data/sled/vitals",
                null,
                "vitals",
                "raw",
                SledValueFormat.JSON,
                List.of(new ColumnInput("bpm", "integer", null, null, null)));
        assertThatThrownBy(() -> new SourceInputs(null, input, null, null).required())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("column bpm: unknown type 'integer'");
    }

    @Test
    void refusesNullInLists() {
        SledSourceInput trees =
                new SledSourceInput("/data/sled/vitals", Arrays.asList("a", null), "vitals", "raw", null, null);
        assertThatThrownBy(() -> new SourceInputs(null, trees, null, null).required())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("sled.trees must not contain null");
        SledSourceInput columns = new SledSourceInput(
                "/data/sled/vitals", null, "vitals", "raw", SledValueFormat.JSON, Arrays.asList((ColumnInput) null));
        assertThatThrownBy(() -> new SourceInputs(null, columns, null, null).required())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("sled.valueColumns must not contain null");
        PostgresTableSourceInput postgres = new PostgresTableSourceInput(
                "jdbc:postgresql://db/clinic", "reader", null, "public.visits", Arrays.asList("id", null));
        assertThatThrownBy(() -> new SourceInputs(postgres, null, null, null).required())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("postgresTable.columns must not contain null");
    }

    @Test
    void mapsHttpApiWithDefaults() throws InvalidInputException {
        HttpApiSettings source = (HttpApiSettings) new SourceInputs(null, null, HTTP, null).required();
        assertThat(source.url()).isEqualTo("https://api.example.org/v1/items");
        assertThat(source.recordsPointer()).isEmpty();
        assertThat(source.pagination().kind()).isEqualTo(HttpApiSettings.PaginationKind.NONE);
        assertThat(source.auth().kind()).isEqualTo(HttpApiSettings.AuthKind.NONE);
    }

    @Test
    void mapsHttpApiPaginationAuthAndLimits() throws InvalidInputException {
        HttpApiSourceInput input = new HttpApiSourceInput(
                "https://api.example.org/v1/items",
                "/data",
                new HttpPaginationInput(HttpPaginationKind.CURSOR, null, null, 500, "/next", "cursor"),
                new HttpAuthInput(HttpAuthKind.API_KEY, "items-key", null, "X-Api-Key"),
                5,
                30,
                3,
                50_000_000L,
                100);
        assertThat(new SourceInputs(null, null, input, null).required())
                .isEqualTo(new HttpApiSettings(
                        "https://api.example.org/v1/items",
                        "/data",
                        new HttpApiSettings.Pagination(
                                HttpApiSettings.PaginationKind.CURSOR, null, null, 500, "/next", "cursor"),
                        new HttpApiSettings.Auth(HttpApiSettings.AuthKind.API_KEY, "items-key", null, "X-Api-Key"),
                        5,
                        30,
                        3,
                        50_000_000L,
                        100));
    }

    @Test
    void refusesPaginationAndAuthWithoutKind() {
        HttpApiSourceInput pagination = new HttpApiSourceInput(
                "https://api.example.org",
                null,
                new HttpPaginationInput(null, null, null, null, null, null),
                null,
                null,
                null,
                null,
                null,
                null);
        assertThatThrownBy(() -> new SourceInputs(null, null, pagination, null).required())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("httpApi.pagination.kind is required");
        HttpApiSourceInput auth = new HttpApiSourceInput(
                "https://api.example.org",
                null,
                null,
                new HttpAuthInput(null, "alias", null, null),
                null,
                null,
                null,
                null,
                null);
        assertThatThrownBy(() -> new SourceInputs(null, null, auth, null).required())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("httpApi.auth.kind is required");
    }

    @Test
    void mapsFileDrop() throws InvalidInputException {
        FileDropSourceInput input =
                new FileDropSourceInput("/data/drop", "vitals-*.{ndjson,json.gz}", 1_000_000L, 8_000_000L);
        assertThat(new SourceInputs(null, null, null, input).required())
                .isEqualTo(new FileDropSettings("/data/drop", "vitals-*.{ndjson,json.gz}", 1_000_000L, 8_000_000L));
    }

    @Test
    void newJobNeedsASource() {
        assertThatThrownBy(() -> new SourceInputs(null, null, null, null).required())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("give exactly one of postgresTable, sled, httpApi, fileDrop; got none");
    }

    @Test
    void newJobTakesOnlyOneSourceAndNamesTheOnesGiven() {
        assertThatThrownBy(() -> new SourceInputs(null, SLED, null, FILE_DROP).required())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("give exactly one of postgresTable, sled, httpApi, fileDrop; got 2: sled, fileDrop");
        assertThatThrownBy(() -> new SourceInputs(POSTGRES, SLED, HTTP, FILE_DROP).required())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "give exactly one of postgresTable, sled, httpApi, fileDrop; got 4: postgresTable, sled, httpApi, fileDrop");
    }

    @Test
    void updateKeepsTheSourceWhenNoneIsGiven() throws InvalidInputException {
        assertThat(new SourceInputs(null, null, null, null).optional()).isNull();
        assertThat(new SourceInputs(null, null, HTTP, null).optional()).isInstanceOf(HttpApiSettings.class);
    }

    @Test
    void updateTakesAtMostOneSource() {
        assertThatThrownBy(() -> new SourceInputs(POSTGRES, null, HTTP, null).optional())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "give at most one of postgresTable, sled, httpApi, fileDrop; got 2: postgresTable, httpApi");
    }
}
