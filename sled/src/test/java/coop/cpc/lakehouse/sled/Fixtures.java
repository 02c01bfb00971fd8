package coop.cpc.lakehouse.sled;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** The databases written by real sled 0.34.7 under {@code src/test/resources/fixtures/sled}. */
public final class Fixtures {

    public static final List<String> NAMES = List.of("db1", "dbz", "db3-pristine");

    private Fixtures() {
    }

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

    /** A writable copy, for tests that damage files. */
    public static Path copy(String name, Path target) {
        Path source = directory(name);
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

    private static Path root() {
        URL url = Fixtures.class.getResource("/fixtures/sled");
        if (url == null) {
            throw new IllegalStateException("fixtures/sled is not on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
