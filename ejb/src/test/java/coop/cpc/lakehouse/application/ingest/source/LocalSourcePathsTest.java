package coop.cpc.lakehouse.application.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSourcePathsTest {

    @TempDir
    Path temp;

    @Test
    void acceptsAFolderInsideARoot() throws Exception {
        Path root = Files.createDirectories(temp.resolve("inbox"));
        Path drops = Files.createDirectories(root.resolve("drops"));

        assertThat(LocalSourcePaths.requireInsideRoots("drop folder", drops.toString(), List.of(root)))
                .isEqualTo(drops.toRealPath());
    }

    @Test
    void refusesAFolderOutsideEveryRootNamingTheSetting() throws Exception {
        Path root = Files.createDirectories(temp.resolve("inbox"));
        Path elsewhere = Files.createDirectories(temp.resolve("etc"));

        assertThatThrownBy(() -> LocalSourcePaths.requireInsideRoots("drop folder", elsewhere.toString(), List.of(root)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a readable folder inside")
                .hasMessageContaining("data_lakehouse.local_source_roots");
    }

    @Test
    void refusesClimbingOutWithDotDotAndSymbolicLinks() throws Exception {
        Path root = Files.createDirectories(temp.resolve("inbox"));
        Path secret = Files.createDirectories(temp.resolve("secret"));
        Path link = Files.createSymbolicLink(root.resolve("link"), secret);

        assertThatThrownBy(() -> LocalSourcePaths.requireInsideRoots("drop folder", root + "/../secret", List.of(root)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> LocalSourcePaths.requireInsideRoots("drop folder", link.toString(), List.of(root)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void refusesAMissingFolderAndAFile() throws Exception {
        Path root = Files.createDirectories(temp.resolve("inbox"));
        Path file = Files.writeString(root.resolve("a.csv"), "x");

        assertThatThrownBy(() -> LocalSourcePaths.requireInsideRoots("drop folder", root.resolve("nope").toString(), List.of(root)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not a readable folder inside");
        assertThatThrownBy(() -> LocalSourcePaths.requireInsideRoots("drop folder", file.toString(), List.of(root)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not a readable folder inside");
    }

    @Test
    void aRefusalTellsNeitherWhetherAPathExistsNorWhichRootsAreConfigured() throws Exception {
        Path root = Files.createDirectories(temp.resolve("inbox"));
        Path elsewhere = Files.createDirectories(temp.resolve("etc"));

        String outside = message(() -> LocalSourcePaths.requireInsideRoots("d", elsewhere.toString(), List.of(root)));
        String missing = message(() -> LocalSourcePaths.requireInsideRoots("d", temp.resolve("nope").toString(), List.of(root)));

        assertThat(outside.replace(elsewhere.toString(), "X")).isEqualTo(missing.replace(temp.resolve("nope").toString(), "X"));
        assertThat(outside).doesNotContain(root.toString());
    }

    private static String message(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (Throwable e) {
            return e.getMessage();
        }
        throw new AssertionError("not refused");
    }
}
