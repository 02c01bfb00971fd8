package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerZipTest {

    @TempDir
    Path temp;

    @Test
    void unpacksTheTopFolderWithoutItAndMarksOnlyTheAcceptedFilesExecutable() throws IOException {
        Path zip = zip(
                "wildfly-39/",
                "wildfly-39/bin/",
                "wildfly-39/bin/standalone.sh",
                "wildfly-39/bin/client.jar",
                "wildfly-39/README.txt",
                "top-level-file.txt");
        Path target = temp.resolve("server");

        ServerZip.unpack(zip, target, path -> path.endsWith(".sh"));

        assertThat(target.resolve("bin/standalone.sh"))
                .hasContent("bin/standalone.sh")
                .isExecutable();
        assertThat(target.resolve("README.txt")).hasContent("README.txt");
        assertThat(target.resolve("bin/client.jar").toFile().canExecute()).isFalse();
        assertThat(target.resolve("top-level-file.txt")).doesNotExist();
        assertThat(target.resolve("wildfly-39")).doesNotExist();
    }

    @Test
    void refusesAnEntryThatWouldLandOutsideTheTargetFolder() throws IOException {
        Path zip = zip("wlp/bin/server", "wlp/../../escaped.txt");
        Path target = temp.resolve("server");

        assertThatThrownBy(() -> ServerZip.unpack(zip, target, path -> false))
                .isInstanceOf(IOException.class)
                .hasMessage("Refusing zip entry outside the server folder: wlp/../../escaped.txt");
        assertThat(temp.resolve("escaped.txt")).doesNotExist();
    }

    /** A zip whose files hold their own path below the top folder; names ending in / are folders. */
    private Path zip(String... names) throws IOException {
        Path zip = temp.resolve("dist.zip");
        try (OutputStream file = Files.newOutputStream(zip);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (String name : names) {
                out.putNextEntry(new ZipEntry(name));
                if (!name.endsWith("/")) {
                    out.write(name.substring(name.indexOf('/') + 1).getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        return zip;
    }
}
