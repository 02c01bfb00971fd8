package coop.cpc.lakehouse.application.source;

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

        assertThatThrownBy(
                        () -> LocalSourcePaths.requireInsideRoots("drop folder", elsewhere.toString(), List.of(root)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is missing, not a folder, or outside")
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
    void refusesAMissingFolderAFileAndAnOutsideFolderAlikeWithoutShowingTheRoots() throws Exception {
        Path root = Files.createDirectories(temp.resolve("inbox"));
        Path file = Files.writeString(root.resolve("a.csv"), "x");
        Path outside = Files.createDirectories(temp.resolve("etc"));

        for (Path folder : List.of(root.resolve("nope"), file, outside, temp.resolve("nope"))) {
            assertThatThrownBy(
                            () -> LocalSourcePaths.requireInsideRoots("drop folder", folder.toString(), List.of(root)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("drop folder '" + folder
                            + "' is missing, not a folder, or outside the folders local sources "
                            + "may read (data_lakehouse.local_source_roots)")
                    .message()
                    .doesNotContain(root + ",")
                    .doesNotContain(": " + root);
        }
    }
}
