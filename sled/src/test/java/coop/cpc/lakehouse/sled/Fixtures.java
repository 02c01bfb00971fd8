package coop.cpc.lakehouse.sled;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The databases written by real sled 0.34.7 under {@code src/test/resources/fixtures/sled}, stored
 * once: the sources and it modules read them from this module's test-jar. Read from a jar, they are
 * copied once into a temporary folder, so every caller gets plain files.
 */
public final class Fixtures {

    public static final List<String> NAMES = List.of("db1", "dbz", "db3-pristine");

    private static Path root;

    private Fixtures() {}

    public static Path directory(String name) {
        return root().resolve(name);
    }

    public static byte[] expectedDump(String name) {
        try {
            return Files.readAllBytes(root().resolve(name + ".expected.tsv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** sled's own iteration, a line per pair: {@code tree hex \t key hex \t value length \t value CRC-32}. */
    public static List<String> expectedLines(String name) {
        try {
            return Files.readAllLines(root().resolve(name + ".expected.tsv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A writable copy, for tests that damage files or hand them to a server. */
    public static Path copy(String name, Path target) {
        return copyTree(directory(name), target);
    }

    private static Path copyTree(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path root() {
        if (root == null) {
            root = locate();
        }
        return root;
    }

    private static Path locate() {
        URL url = Fixtures.class.getResource("/fixtures/sled/README.md");
        if (url == null) {
            throw new IllegalStateException("fixtures/sled is not on the test classpath (lakehouse-sled's test-jar)");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Path.of(uri).getParent();
            }
            FileSystem jar;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(uri);
            }
            Path extracted = Files.createTempDirectory("sled-fixtures");
            return copyTree(jar.getPath("/fixtures/sled"), extracted);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read fixtures/sled", e);
        }
    }
}
