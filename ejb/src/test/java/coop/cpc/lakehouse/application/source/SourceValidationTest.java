package coop.cpc.lakehouse.application.source;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.source.files.FileDropSettings;
import coop.cpc.lakehouse.application.source.http.HttpApiSettings;
import coop.cpc.lakehouse.application.source.postgres.PostgresTableSettings;
import coop.cpc.lakehouse.application.source.sled.SledSettings;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceValidationTest extends LocalRootFixture {

    @Test
    void acceptsAPlainPostgresTableSource() {
        assertThatCode(() -> Validation.validate(
                        new PostgresTableSettings(
                                "jdbc:postgresql://db.example.org:5432/sources",
                                "reader",
                                "sources_password",
                                "public.readings",
                                List.of("id", "at")),
                        settings,
                        SourceGuardsValidationTest.GUARDS))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesCredentialsInAPostgresUrl() {
        for (String url : List.of(
                "jdbc:postgresql://localhost/db?password=x",
                "jdbc:postgresql://localhost/db?user=a",
                "jdbc:postgresql://u:p@localhost/db",
                "jdbc:mysql://localhost/db")) {
            assertThatThrownBy(
                            () -> Validation.validate(new PostgresTableSettings(url, "r", null, "t", null), settings))
                    .as(url)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("postgresTable.url");
        }
    }

    @Test
    void refusesAColumnNameThatIsNotAPlainIdentifier() {
        assertThatThrownBy(() -> Validation.validate(
                        new PostgresTableSettings(
                                "jdbc:postgresql://localhost/db", "r", null, "t", List.of("id\"; drop table x; --")),
                        settings))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("postgresTable.columns")
                .hasMessageContaining("not a plain identifier");
        assertThatThrownBy(() -> Validation.validate(
                        new PostgresTableSettings(
                                "jdbc:postgresql://localhost/db", "r", null, "public.t; drop", List.of()),
                        settings))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void refusesASecretWhereAnAliasBelongs() {
        assertThatThrownBy(() -> Validation.validate(
                        new PostgresTableSettings("jdbc:postgresql://localhost/db", "r", "S3cr3t!pass", "t", null),
                        settings))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("alias")
                .message()
                .doesNotContain("S3cr3t");
    }

    @Test
    void refusesHttpUrlsWithCredentialsOrOtherSchemes() {
        for (String url : List.of("https://user:pw@api.example.org/x", "file:///etc/passwd", "ftp://example.org/")) {
            assertThatThrownBy(() -> Validation.validate(Validation.http(url, null, null), settings))
                    .as(url)
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void refusesAuthWithoutAnAlias() {
        assertThatThrownBy(() -> Validation.validate(
                        Validation.http("https://api.example.org", null, Validation.bearer(null)), settings))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("secretAlias");
    }

    @Test
    void aDropFolderGivenAsALinkIsRefused() throws Exception {
        Path drops = Files.createDirectories(inbox.resolve("real_drops"));
        Path link = Files.createSymbolicLink(inbox.resolve("linked_drops"), drops);

        assertThatThrownBy(
                        () -> Validation.validate(new FileDropSettings(link.toString(), "*.csv", null, null), settings))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("symbolic link");
    }

    @Test
    void fileDropsMustStayInsideTheRootsAndGlobsInsideTheFolder() throws Exception {
        Path drops = Files.createDirectories(inbox.resolve("drops"));

        assertThatCode(() -> Validation.validate(new FileDropSettings(drops.toString(), "*.csv", null, null), settings))
                .doesNotThrowAnyException();
        assertThatThrownBy(() ->
                        Validation.validate(new FileDropSettings(drops.toString(), "../*.csv", null, null), settings))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("fileDrop.glob");
        assertThatThrownBy(
                        () -> Validation.validate(new FileDropSettings(temp.toString(), "*.csv", null, null), settings))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is missing, not a folder, or outside");
    }

    @Test
    void aDropFolderMayNotBeInsideEqualToOrAroundTheSegmentStorage() throws Exception {
        Path storage = Files.createDirectories(inbox.resolve("webm"));
        Path inside = Files.createDirectories(storage.resolve("segments"));
        LakehouseSettings overlapping = settings(Map.of("data_lakehouse.webm_storage_path", storage.toString()));

        for (Path folder : List.of(storage, inside, inbox)) {
            assertThatThrownBy(() -> Validation.validate(
                            new FileDropSettings(folder.toString(), "*.csv", null, null), overlapping))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("fileDrop.directory '" + folder.toRealPath() + "' ")
                    .hasMessageContaining(" the folder webm_storage_path names (" + storage.toRealPath() + ")");
        }
    }

    @Test
    void aSledPathMayNotHoldTheEmbeddedDatabase() throws Exception {
        Path database = Files.createDirectories(inbox.resolve("db/postgres"));
        LakehouseSettings overlapping =
                settings(Map.of("data_lakehouse.embedded_postgresql_data_path", database.toString()));

        assertThatThrownBy(() -> Validation.validate(
                        new SledSettings(inbox.resolve("db").toString(), null, "raw", "db1", null, null), overlapping))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("sled.path '" + inbox.resolve("db").toRealPath() + "' holds the folder "
                        + "embedded_postgresql_data_path names (" + database.toRealPath()
                        + "); a local source may not touch the lakehouse's own files");
    }

    @Test
    void aSledPathMustBeASledDatabase() throws Exception {
        Path notSled = Files.createDirectories(inbox.resolve("empty"));

        assertThatThrownBy(() -> Validation.validate(
                        new SledSettings(notSled.toString(), null, "raw", "db1", null, null), settings))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a sled database");
    }

    @Test
    void cursorPaginationWithoutItsPointerIsInvalidInputNotAServerError() {
        assertThatThrownBy(() -> Validation.validate(
                        Validation.http(
                                "https://api.example.org/items",
                                new HttpApiSettings.Pagination(
                                        HttpApiSettings.PaginationKind.CURSOR, null, null, null, null, "cursor"),
                                null),
                        settings))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("httpApi.pagination: CURSOR pagination needs cursorPointer and cursorParam");
    }

    @Test
    void aNulInAGlobOrFolderIsInvalidInputNamingTheSource() throws Exception {
        Path drops = Files.createDirectories(inbox.resolve("drops"));
        assertThatThrownBy(() -> Validation.validate(
                        new FileDropSettings(drops.toString(), "*.csv\u0000", null, null), settings))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("fileDrop");
        assertThatThrownBy(() ->
                        Validation.validate(new FileDropSettings(drops + "\u0000", "*.csv", null, null), settings))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("fileDrop");
    }
}
