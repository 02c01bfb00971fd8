package coop.cpc.lakehouse.sled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded damage to copies of the real fixtures: bit flips anywhere, bit flips in segment headers,
 * zeroed runs (torn sectors) and truncations, in {@code conf}, {@code db} and blob files.
 *
 * <p>Every case must end, within its time limit, in a typed {@link SledException} or in a dump
 * that is sorted, duplicate-free, uses only the fixture's tree names, and whose every pair carries
 * a value that sled wrote under that key (see {@link WrittenValues}): never a crash, a hang, an
 * out-of-memory error or an invented value.
 *
 * <p>Where the damage lies decides how much more can be proven. Damage to bytes that segment
 * headers declare durable (at or below the highest {@code max_stable_lsn}) cannot be a crash
 * artefact, so the dump must then be a subset of the undamaged one: a pair is lost or the read
 * fails, but no pair changes. Damage in the unstable tail above it is indistinguishable from a torn
 * write, and the reader then recovers what sled would: an earlier state, in which a key may still
 * hold an older value. Truncations can remove durable segments wholesale and get the weaker check.
 */
class CorruptionFuzzTest {

    /** Override with {@code -Dsled.fuzz.seed=...} and {@code -Dsled.fuzz.cases=...} for a longer local run. */
    private static final long SEED = Long.getLong("sled.fuzz.seed", 20_261_127L);

    private static final int CASES_PER_FIXTURE = Integer.getInteger("sled.fuzz.cases", 80);
    private static final Duration CASE_TIME_LIMIT = Duration.ofSeconds(20);
    private static final int SEGMENT_SIZE = 512 * 1024;

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"db1", "dbz", "db3-pristine"})
    void damagedCopiesEndInTypedErrorOrValuesSledWrote(String fixture, TestReporter reporter) throws IOException {
        Path dir = Fixtures.copy(fixture, temp.resolve(fixture));
        WrittenValues written = WrittenValues.scan(dir);
        Set<String> treeNames = treeNames(Fixtures.expectedDump(fixture));
        List<Path> files = files(dir);
        Random random = new Random(SEED + fixture.hashCode());
        Map<String, Integer> outcomes = new TreeMap<>();
        Set<String> expectedLines = new HashSet<>(new String(Fixtures.expectedDump(fixture), StandardCharsets.US_ASCII)
                .lines()
                .toList());
        DurableRegion durable = DurableRegion.of(dir, SEGMENT_SIZE);

        assertThat(Dumps.dump(dir).getBytes(StandardCharsets.US_ASCII)).isEqualTo(Fixtures.expectedDump(fixture));

        for (int i = 0; i < CASES_PER_FIXTURE; i++) {
            Path file = pick(files, random);
            byte[] original = Files.readAllBytes(file);
            Damage damage = damage(file, original, random);
            String description = "case " + i + ": " + damage + " in " + dir.relativize(file);
            try {
                String outcome = assertTimeoutPreemptively(CASE_TIME_LIMIT, () -> outcome(dir), description);
                if (!outcome.startsWith("error")) {
                    check(outcome, written, treeNames, description);
                    if (damage.within(durable, dir.relativize(file).toString())) {
                        assertThat(expectedLines)
                                .as(description + ": damage to durable bytes changed a pair")
                                .containsAll(outcome.lines().toList());
                    }
                    outcome = outcome.equals(new String(Fixtures.expectedDump(fixture), StandardCharsets.US_ASCII))
                            ? "identical dump"
                            : "partial or older dump";
                }
                outcomes.merge(
                        outcome.startsWith("error") ? outcome.substring(0, outcome.indexOf(':')) : outcome,
                        1,
                        Integer::sum);
            } finally {
                Files.write(file, original);
            }
        }
        reporter.publishEntry(fixture + " outcomes", outcomes.toString());
    }

    /** The dump, or "error &lt;type&gt;: message" for a typed error; anything else fails the case. */
    private static String outcome(Path dir) {
        try {
            return Dumps.dump(dir);
        } catch (SledException e) {
            assertThat(e.getMessage()).isNotBlank();
            return "error " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static void check(String dump, WrittenValues written, Set<String> treeNames, String description) {
        String previous = null;
        for (String line : dump.lines().toList()) {
            List<String> columns = WrittenValues.columns(line);
            assertThat(columns).as(description).hasSize(4);
            assertThat(treeNames).as(description + ": tree of " + line).contains(columns.get(0));
            String order = columns.get(0) + "\t" + columns.get(1);
            if (previous != null) {
                assertThat(order).as(description + ": order after " + previous).isGreaterThan(previous);
            }
            previous = order;
            byte[] key = HexFormat.of().parseHex(columns.get(1));
            if (!written.contains(key, Integer.parseInt(columns.get(2)), columns.get(3))) {
                fail(description + ": " + line + " holds a value no intact fragment holds");
            }
        }
    }

    /** What was done to a file, and the byte offsets it touched (none for a truncation). */
    private record Damage(String description, List<Long> offsets) {

        boolean within(DurableRegion durable, String file) {
            return !offsets.isEmpty() && offsets.stream().allMatch(offset -> durable.contains(file, offset));
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private static Damage damage(Path file, byte[] original, Random random) throws IOException {
        int kind = random.nextInt(10);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            if (kind < 4) {
                int flips = 1 + random.nextInt(3);
                List<Long> offsets = new java.util.ArrayList<>();
                for (int f = 0; f < flips; f++) {
                    offsets.add(flip(raf, random.nextInt(original.length), random));
                }
                return new Damage("bit flips at " + offsets, offsets);
            }
            if (kind < 6 && file.getFileName().toString().equals("db")) {
                int segments = Math.max(1, original.length / SEGMENT_SIZE);
                long offset = flip(raf, (long) random.nextInt(segments) * SEGMENT_SIZE + random.nextInt(32), random);
                return new Damage("segment header bit flip at " + offset, List.of(offset));
            }
            if (kind < 8) {
                int offset = random.nextInt(original.length);
                int length = Math.min(1 + random.nextInt(4096), original.length - offset);
                raf.seek(offset);
                raf.write(new byte[length]);
                return new Damage(
                        "zeroed " + length + " bytes at " + offset, List.of((long) offset, (long) offset + length - 1));
            }
            int length = random.nextInt(original.length);
            raf.setLength(length);
            return new Damage("truncated to " + length + " bytes", List.of());
        }
    }

    private static long flip(RandomAccessFile raf, long offset, Random random) throws IOException {
        int bit = random.nextInt(8);
        raf.seek(offset);
        int value = raf.read();
        raf.seek(offset);
        raf.write(value ^ (1 << bit));
        return offset;
    }

    /** Half the cases hit the log; the rest are shared by conf and the blobs. */
    private static Path pick(List<Path> files, Random random) {
        Path log = files.stream()
                .filter(f -> f.getFileName().toString().equals("db"))
                .findFirst()
                .orElseThrow();
        if (random.nextBoolean()) {
            return log;
        }
        List<Path> others = files.stream().filter(f -> !f.equals(log)).toList();
        return others.get(random.nextInt(others.size()));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Set<String> treeNames(byte[] expectedDump) {
        Set<String> names = new HashSet<>();
        new String(expectedDump, StandardCharsets.US_ASCII)
                .lines()
                .forEach(line -> names.add(line.substring(0, line.indexOf('\t'))));
        return names;
    }
}
