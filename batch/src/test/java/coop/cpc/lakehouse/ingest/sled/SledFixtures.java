package coop.cpc.lakehouse.ingest.sled;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The databases written by real sled 0.34.7 under {@code src/test/resources/fixtures/sled}. */
final class SledFixtures {

    private SledFixtures() {
    }

    static Path directory(String name) {
        return root().resolve(name);
    }

    /** sled's own iteration: {@code tree hex \t key hex \t value length \t value CRC-32}. */
    static List<String> expectedDump(String name) {
        try {
            return Files.readAllLines(root().resolve(name + ".expected.tsv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        URL url = SledFixtures.class.getResource("/fixtures/sled");
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
