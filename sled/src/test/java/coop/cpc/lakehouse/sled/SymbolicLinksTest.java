package coop.cpc.lakehouse.sled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database folder that links elsewhere is refused with {@link SymbolicLinks#REFUSE}, and only then. */
class SymbolicLinksTest {

    @TempDir
    Path temp;

    /** The allowed folder holds a database whose named file links to the same file of a database outside. */
    private Path linkedDatabase(String linked) throws IOException {
        Path outside = Fixtures.copy("db1", temp.resolve("outside/db1"));
        Path inbox = Fixtures.copy("db1", temp.resolve("inbox/db1"));
        Path entry = inbox.resolve(linked);
        deleteRecursively(entry);
        Files.createSymbolicLink(entry, outside.resolve(linked));
        return inbox;
    }

    @Test
    void refusesLinkedConfDbAndBlobsButFollowsThemByDefault() throws IOException {
        for (String linked : new String[] {"conf", "db", "blobs", "blobs/" + firstBlob(Fixtures.directory("db1"))}) {
            Path inbox = linkedDatabase(linked);

            assertThatThrownBy(() -> SledDatabase.open(inbox, SymbolicLinks.REFUSE))
                    .as(linked)
                    .isInstanceOf(SledIoException.class)
                    .hasMessageContaining("is a symbolic link; refused");
            try (SledDatabase db = SledDatabase.open(inbox)) {
                assertThat(Dumps.dump(inbox)).as(linked).isNotEmpty();
                assertThat(db.trees()).isNotEmpty();
            }
            deleteRecursively(temp.resolve("outside"));
            deleteRecursively(temp.resolve("inbox"));
        }
    }

    @Test
    void refusesADatabaseFolderThatIsALink() throws IOException {
        Path outside = Fixtures.copy("db1", temp.resolve("outside/db1"));
        Path link = Files.createSymbolicLink(
                Files.createDirectories(temp.resolve("inbox")).resolve("db1"), outside);

        assertThatThrownBy(() -> SledDatabase.open(link, SymbolicLinks.REFUSE))
                .isInstanceOf(SledIoException.class)
                .hasMessageContaining("symbolic link");
    }

    @Test
    void refusesABlobLinkedAfterTheDatabaseWasOpened() throws IOException {
        Path outside = Fixtures.copy("db1", temp.resolve("outside/db1"));
        Path inbox = Fixtures.copy("db1", temp.resolve("inbox/db1"));
        try (SledDatabase db = SledDatabase.open(inbox, SymbolicLinks.REFUSE)) {
            try (Stream<Path> blobs = Files.list(inbox.resolve("blobs"))) {
                for (Path blob : blobs.toList()) {
                    Files.delete(blob);
                    Files.createSymbolicLink(blob, outside.resolve("blobs").resolve(blob.getFileName()));
                }
            }

            assertThatThrownBy(() -> {
                        for (SledTree tree : db.trees()) {
                            tree.forEach(pair -> {});
                        }
                    })
                    .isInstanceOf(SledIoException.class);
        }
    }

    private static String firstBlob(Path database) throws IOException {
        try (Stream<Path> blobs = Files.list(database.resolve("blobs"))) {
            return blobs.map(p -> p.getFileName().toString())
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> entries = Files.list(path)) {
                for (Path entry : entries.toList()) {
                    deleteRecursively(entry);
                }
            }
        }
        Files.delete(path);
    }
}
