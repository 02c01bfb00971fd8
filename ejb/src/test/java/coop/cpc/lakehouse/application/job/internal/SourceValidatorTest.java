package coop.cpc.lakehouse.application.job.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.job.source.FileDropSource;
import coop.cpc.lakehouse.application.job.source.HttpApiSource;
import coop.cpc.lakehouse.application.job.source.PostgresTableSource;
import coop.cpc.lakehouse.application.job.source.SledSource;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceValidatorTest {

    @TempDir
    Path temp;

    private Path inbox;
    private LakehouseSettings settings;

    @BeforeEach
    void roots() throws Exception {
        inbox = Files.createDirectories(temp.resolve("inbox"));
        settings = LakehouseSettings.from(name -> name.equals("data_lakehouse.local_source_roots")
                ? Optional.of(inbox.toString()) : Optional.empty());
    }

    @Test
    void acceptsAPlainPostgresTableSource() {
        assertThatCode(() -> SourceValidator.validate(new PostgresTableSource("jdbc:postgresql://db.example.org:5432/sources",
                "reader", "sources_password", "public.readings", List.of("id", "at")), settings, SourceGuardsValidationTest.GUARDS))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesCredentialsInAPostgresUrl() {
        for (String url : List.of("jdbc:postgresql://localhost/db?password=x", "jdbc:postgresql://localhost/db?user=a",
                "jdbc:postgresql://u:p@localhost/db", "jdbc:mysql://localhost/db")) {
            assertThatThrownBy(() -> SourceValidator.validate(new PostgresTableSource(url, "r", null, "t", null), settings))
                    .as(url).isInstanceOf(InvalidInputException.class).hasMessageContaining("postgresTable.url");
        }
    }

    @Test
    void refusesAColumnNameThatIsNotAPlainIdentifier() {
        assertThatThrownBy(() -> SourceValidator.validate(new PostgresTableSource("jdbc:postgresql://localhost/db", "r",
                null, "t", List.of("id\"; drop table x; --")), settings))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("postgresTable.columns")
                .hasMessageContaining("not a plain identifier");
        assertThatThrownBy(() -> SourceValidator.validate(new PostgresTableSource("jdbc:postgresql://localhost/db", "r",
                null, "public.t; drop", List.of()), settings))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void refusesASecretWhereAnAliasBelongs() {
        assertThatThrownBy(() -> SourceValidator.validate(new PostgresTableSource("jdbc:postgresql://localhost/db", "r",
                "S3cr3t!pass", "t", null), settings))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("alias")
                .message().doesNotContain("S3cr3t");
    }

    @Test
    void refusesHttpUrlsWithCredentialsOrOtherSchemes() {
        for (String url : List.of("https://user:pw@api.example.org/x", "file:///etc/passwd", "ftp://example.org/")) {
            assertThatThrownBy(() -> SourceValidator.validate(new HttpApiSource(url, null, null, null, null, null, null,
                    null, null), settings)).as(url).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void refusesAuthWithoutAnAlias() {
        assertThatThrownBy(() -> SourceValidator.validate(new HttpApiSource("https://api.example.org", null, null,
                new HttpApiSource.Auth(HttpApiSource.AuthKind.BEARER, null, null, null), null, null, null, null, null), settings))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("secretAlias");
    }

    @Test
    void aDropFolderGivenAsALinkIsRefused() throws Exception {
        Path drops = Files.createDirectories(inbox.resolve("real_drops"));
        Path link = Files.createSymbolicLink(inbox.resolve("linked_drops"), drops);

        assertThatThrownBy(() -> SourceValidator.validate(new FileDropSource(link.toString(), "*.csv", null, null), settings))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("symbolic link");
    }

    @Test
    void fileDropsMustStayInsideTheRootsAndGlobsInsideTheFolder() throws Exception {
        Path drops = Files.createDirectories(inbox.resolve("drops"));

        assertThatCode(() -> SourceValidator.validate(new FileDropSource(drops.toString(), "*.csv", null, null), settings))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SourceValidator.validate(new FileDropSource(drops.toString(), "../*.csv", null, null), settings))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("fileDrop.glob");
        assertThatThrownBy(() -> SourceValidator.validate(new FileDropSource(temp.toString(), "*.csv", null, null), settings))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is missing, not a folder, or outside");
    }

    @Test
    void aSledPathMustBeASledDatabase() throws Exception {
        Path notSled = Files.createDirectories(inbox.resolve("empty"));

        assertThatThrownBy(() -> SourceValidator.validate(new SledSource(notSled.toString(), null, "raw", "db1", null, null),
                settings)).isInstanceOf(InvalidInputException.class).hasMessageContaining("not a sled database");
    }

    @Test
    void cursorPaginationWithoutItsPointerIsInvalidInputNotAServerError() {
        assertThatThrownBy(() -> SourceValidator.validate(new HttpApiSource("https://api.example.org/items", null,
                new HttpApiSource.Pagination(HttpApiSource.PaginationKind.CURSOR, null, null, null, null, "cursor"),
                null, null, null, null, null, null), settings))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("httpApi.pagination: CURSOR pagination needs cursorPointer and cursorParam");
    }

    @Test
    void aNulInAGlobOrFolderIsInvalidInputNamingTheSource() throws Exception {
        Path drops = Files.createDirectories(inbox.resolve("drops"));
        assertThatThrownBy(() -> SourceValidator.validate(new FileDropSource(drops.toString(), "*.csv\u0000", null, null), settings))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("fileDrop");
        assertThatThrownBy(() -> SourceValidator.validate(new FileDropSource(drops + "\u0000", "*.csv", null, null), settings))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("fileDrop");
    }
}
