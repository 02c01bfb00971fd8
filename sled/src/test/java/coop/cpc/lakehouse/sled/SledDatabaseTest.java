package coop.cpc.lakehouse.sled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SledDatabaseTest {

    @TempDir
    Path temp;

    @Test
    void listsTreesByNameBytes() {
        try (SledDatabase db = SledDatabase.open(Fixtures.directory("db1"))) {
            assertThat(db.trees())
                    .extracting(tree -> new String(tree.name(), StandardCharsets.UTF_8))
                    .containsExactly(SledTree.DEFAULT_TREE_NAME, "events", "users");
            assertThat(db.conf().segmentSize()).isEqualTo(512 * 1024);
        }
    }

    @Test
    void streamsEachTreeAgainOnEveryIteration() {
        try (SledDatabase db = SledDatabase.open(Fixtures.directory("dbz"))) {
            SledTree events = db.trees().get(1);
            Iterator<SledPair> first = events.iterator();
            Iterator<SledPair> second = events.iterator();

            assertThat(first.next()).isEqualTo(second.next());
            assertThat(first.next().key()).isEqualTo(new byte[] {0, 0, 0, 0, 0, 0, 0, 2});
        }
    }

    @Test
    void neverWritesIntoTheDatabaseDirectory() throws Exception {
        Path dir = Fixtures.copy("db3-pristine", temp.resolve("db3"));
        Map<String, String> before = fingerprint(dir);

        Dumps.dump(dir);

        // db3-pristine was not closed cleanly: sled would zero its torn tail and write a snapshot.
        assertThat(fingerprint(dir)).isEqualTo(before);
    }

    @Test
    void readsWhileSledHoldsItsLock() throws IOException {
        Path dir = Fixtures.copy("db1", temp.resolve("db1"));
        try (FileChannel sled = FileChannel.open(dir.resolve("db"), StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = sled.lock()) {
            assertThat(lock.isValid()).isTrue();
            assertThat(Dumps.dump(dir).getBytes(StandardCharsets.US_ASCII)).isEqualTo(Fixtures.expectedDump("db1"));
        }
    }

    @Test
    void refusesOtherFormatVersions() throws IOException {
        Path dir = Fixtures.copy("db1", temp.resolve("db1"));
        Files.write(dir.resolve("conf"), SledEncoder.conf(524288, false, "0.31"));

        assertThatThrownBy(() -> SledDatabase.open(dir))
                .isInstanceOf(UnsupportedSledVersionException.class)
                .hasMessage(dir.resolve("conf") + " says sled format version 0.31; only 0.34.x is supported");
    }

    @Test
    void refusesSled1Layout() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("sled1"));
        Files.createDirectories(dir.resolve("slabs"));
        Files.write(dir.resolve("durability_cookie"), new byte[8]);

        assertThatThrownBy(() -> SledDatabase.open(dir))
                .isInstanceOf(UnsupportedSledVersionException.class)
                .hasMessage(
                        dir + " has the layout of sled 1.0 (found durability_cookie); only sled 0.34.x is supported");
    }

    @Test
    void refusesDirectoryWithoutConf() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("empty"));

        assertThatThrownBy(() -> SledDatabase.open(dir))
                .isInstanceOf(UnsupportedSledVersionException.class)
                .hasMessage(dir + " has no conf file: not a sled 0.34 database");
    }

    @Test
    void namesFileAndOffsetOfADamagedPage() throws IOException {
        Path dir = Fixtures.copy("db1", temp.resolve("db1"));
        Path blob = dir.resolve("blobs").resolve("9901209");
        byte[] bytes = Files.readAllBytes(blob);
        // Damage the blob after recovery has checked it, as a concurrent writer or failing disk could.
        try (SledDatabase db = SledDatabase.open(dir)) {
            bytes[1000] ^= 1;
            Files.write(blob, bytes);

            assertThatThrownBy(() -> db.trees().forEach(tree -> tree.forEach(pair -> {})))
                    .isInstanceOf(CorruptSledFileException.class)
                    .hasMessage(blob + " at offset 0: blob CRC mismatch")
                    .satisfies(e ->
                            assertThat(((CorruptSledFileException) e).file()).isEqualTo(blob));
        }
    }

    private static Map<String, String> fingerprint(Path dir) throws IOException, NoSuchAlgorithmException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.toList()) {
                String key = dir.relativize(file).toString();
                if (Files.isDirectory(file)) {
                    files.put(key + "/", "dir");
                } else {
                    byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                    files.put(key, HexFormat.of().formatHex(digest) + " " + Files.getLastModifiedTime(file));
                }
            }
        }
        return files;
    }
}
