package coop.cpc.lakehouse.application.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

    @TempDir
    Path root;

    @Test
    void appendingToAnExistingFileKeepsItsContentAndPermissions() throws Exception {
        Path file = root.resolve("rejects.ndjson");
        Files.writeString(file, "one\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        try (OutputStream out =
                OwnerOnlyFiles.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write("two\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(Files.readString(file)).isEqualTo("one\ntwo\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r-----");
    }

    @Test
    void aFileSystemWithoutPosixPermissionsGetsItsFilesAndFoldersAllTheSame() throws Exception {
        URI zip = URI.create("jar:" + root.resolve("storage.zip").toUri());
        try (FileSystem noPosix = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            assertThat(noPosix.supportedFileAttributeViews()).doesNotContain("posix");
            Path folder = OwnerOnlyFiles.createDirectories(noPosix.getPath("/crm/accounts/data"));
            try (OutputStream out =
                    OwnerOnlyFiles.newOutputStream(folder.resolve("a.webm"), StandardOpenOption.CREATE_NEW)) {
                out.write(1);
            }

            assertThat(Files.readAllBytes(folder.resolve("a.webm"))).containsExactly(1);
        }
    }
}
