package coop.cpc.lakehouse.application.source;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.source.files.FileDropKind;
import coop.cpc.lakehouse.application.source.files.FileDropSettings;
import coop.cpc.lakehouse.application.source.http.HttpApiSettings;
import coop.cpc.lakehouse.application.source.registry.SourceKinds;
import coop.cpc.lakehouse.application.source.registry.SourceSettingsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Globs, limits and drop folders a careless or hostile client may send, refused when the job is created. */
class HostileSourceLimitsTest extends LocalRootFixture {

    private Path drops;

    @BeforeEach
    void drops() throws Exception {
        drops = Files.createDirectories(inbox.resolve("drops"));
    }

    private void fileDrop(String glob, Long maxFileBytes, Long maxDecompressedBytes, Integer maxRecordBytes)
            throws InvalidInputException {
        Validation.validate(
                new FileDropSettings(drops.toString(), glob, maxFileBytes, maxDecompressedBytes, maxRecordBytes),
                settings);
    }

    @Test
    void globsThatCannotBeMatchedSafelyAreRefusedNamingGlob() {
        for (String glob : List.of("[abc", "*.{csv", "a\u0000b", "../x", "a/b", "..csv", "*".repeat(300), "")) {
            assertThatThrownBy(() -> fileDrop(glob, null, null, null))
                    .as(glob)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("fileDrop.glob ");
        }
        assertThatCode(() -> fileDrop("*".repeat(23) + "q", null, null, null)).doesNotThrowAnyException();
    }

    @Test
    void fileLimitsAboveTheirUpperBoundsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> fileDrop("*.csv", Long.MAX_VALUE, null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("fileDrop.maxFileBytes must be from 1 to 17179869184, not 9223372036854775807");
        assertThatThrownBy(() -> fileDrop("*.csv", null, 1L << 40, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("fileDrop.maxDecompressedBytes must be from 1 to ");
        assertThatThrownBy(() -> fileDrop("*.csv", null, null, Integer.MAX_VALUE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("fileDrop.maxRecordBytes must be from 1 to 67108864");
        assertThatThrownBy(() -> fileDrop("*.csv", 0L, null, null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void httpLimitsAboveTheirUpperBoundsAreRefusedNamingTheField() {
        record Case(String field, HttpApiSettings source) {}
        String url = "https://api.example.org/v1";
        for (Case c : List.of(
                new Case(
                        "maxResponseBytes",
                        new HttpApiSettings(url, null, null, null, null, null, null, Long.MAX_VALUE, null)),
                new Case(
                        "maxPages",
                        new HttpApiSettings(url, null, null, null, null, null, null, null, Integer.MAX_VALUE)),
                new Case(
                        "readTimeoutSeconds",
                        new HttpApiSettings(url, null, null, null, null, Integer.MAX_VALUE, null, null, null)),
                new Case(
                        "connectTimeoutSeconds",
                        new HttpApiSettings(url, null, null, null, Integer.MAX_VALUE, null, null, null, null)),
                new Case(
                        "maxRetries",
                        new HttpApiSettings(url, null, null, null, null, null, Integer.MAX_VALUE, null, null)))) {
            assertThatThrownBy(() -> Validation.validate(c.source(), settings))
                    .as(c.field())
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(c.field() + " must be at most");
        }
    }

    @Test
    void aSourceDefinitionLongerThanTheStoredBoundIsRefusedNamingItsKindAndLength() {
        // A JSON pointer (or parameter, header or tree name) has no bound of its own: the definition as stored has.
        String pointer = "/" + "a".repeat(SourceKinds.MAX_SETTINGS_CHARS);
        HttpApiSettings longPointer =
                new HttpApiSettings("https://127.0.0.1/v1", pointer, null, null, null, null, null, null, null);

        assertThatThrownBy(() -> Validation.validate(longPointer, settings))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("httpApi settings are "
                        + SourceSettingsJson.write(longPointer).length()
                        + " characters as stored (JSON), more than 262144");
        HttpApiSettings longestPointer = new HttpApiSettings(
                "https://127.0.0.1/v1", pointer.substring(0, 200_000), null, null, null, null, null, null, null);
        assertThatThrownBy(() -> Validation.validate(longestPointer, settings))
                .as("under the bound, the kind's own checks run: 127.0.0.1 is not allow-listed")
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("httpApi.url: ");
    }

    @Test
    void aSecondJobOnTheSameOrAnOverlappingFolderIsRefused() throws Exception {
        Path child = Files.createDirectories(drops.resolve("child"));
        Path sibling = Files.createDirectories(drops.getParent().resolve("other"));
        List<ExistingJob<FileDropSettings>> existing = List.of(job("visits", drops));

        for (Path folder : List.of(drops, child, drops.getParent())) {
            assertThatThrownBy(() -> new FileDropKind()
                            .requireNoClash(
                                    new FileDropSettings(folder.toString(), "*.csv", null, null), () -> existing))
                    .as(folder.toString())
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("fileDrop.directory is ")
                    .hasMessageContaining("ingestion job visits");
        }
        assertThatCode(() -> new FileDropKind()
                        .requireNoClash(new FileDropSettings(sibling.toString(), "*.csv", null, null), () -> existing))
                .doesNotThrowAnyException();
    }

    private static ExistingJob<FileDropSettings> job(String name, Path folder) {
        return new ExistingJob<>(name, new FileDropSettings(folder.toString(), "*.csv", null, null));
    }
}
