package coop.cpc.lakehouse.ingest.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.testing.CapturedLog;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropDirectoryTest {

    @TempDir
    Path root;

    private Path drop() throws Exception {
        return Files.createDirectories(root.resolve("drop"));
    }

    @Test
    void twoConcurrentClaimersNeverGetTheSameFile() throws Exception {
        Path dir = drop();
        int files = 300;
        for (int i = 0; i < files; i++) {
            Files.writeString(dir.resolve(String.format("f%03d.csv", i)), "id\n" + i + "\n");
        }
        DropDirectory a = new DropDirectory(dir, "*.csv", FileDropLimits.defaults());
        DropDirectory b = new DropDirectory(dir, "*.csv", FileDropLimits.defaults());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<String>> first = pool.submit(() -> claimAll(a, start));
            Future<List<String>> second = pool.submit(() -> claimAll(b, start));
            start.countDown();
            List<String> byA = first.get(30, TimeUnit.SECONDS);
            List<String> byB = second.get(30, TimeUnit.SECONDS);
            Set<String> all = new HashSet<>(byA);
            all.addAll(byB);
            assertThat(byA.size() + byB.size()).isEqualTo(files);
            assertThat(all).hasSize(files);
            assertThat(Collections.disjoint(byA, byB)).isTrue();
            try (var left = Files.list(dir)) {
                assertThat(left.filter(Files::isRegularFile)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> claimAll(DropDirectory drop, CountDownLatch start) throws Exception {
        start.await();
        List<String> names = new ArrayList<>();
        for (Optional<ClaimedFile> c = drop.claimNext(); c.isPresent(); c = drop.claimNext()) {
            names.add(c.get().originalName());
        }
        return names;
    }

    @Test
    void claimMovesFileIntoProcessingAndNamesItsSource() throws Exception {
        Path dir = drop();
        Files.writeString(dir.resolve("visits.csv"), "id\n1\n");
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        Files.writeString(dir.resolve(".upload.csv"), "in progress");
        DropDirectory drop = new DropDirectory(dir, "*.csv", FileDropLimits.defaults());
        ClaimedFile claimed = drop.claimNext().orElseThrow();
        assertThat(claimed.originalName()).isEqualTo("visits.csv");
        assertThat(claimed.path().getParent()).isEqualTo(dir.toRealPath().resolve("processing"));
        assertThat(claimed.sourceUri()).isEqualTo("file:" + dir.toRealPath() + "/visits.csv");
        assertThat(drop.claimNext()).isEmpty();
        assertThat(drop.claimNames()).containsExactly(claimed.claimName());
        assertThat(dir.resolve("notes.txt")).exists();
        assertThat(dir.resolve(".upload.csv")).exists();
    }

    @Test
    void symlinkOutOfTheDirectoryIsQuarantinedNotFollowed() throws Exception {
        Path dir = drop();
        Path secret = Files.writeString(root.resolve("secret.csv"), "id\n42\n");
        Files.createSymbolicLink(dir.resolve("escape.csv"), secret);
        List<QuarantinedFile> quarantined = new ArrayList<>();
        DropDirectory drop = new DropDirectory(dir, "*.csv", FileDropLimits.defaults(), quarantined::add);

        assertThat(drop.claimNext()).isEmpty();

        assertThat(quarantined).singleElement().satisfies(q -> {
            assertThat(q.file()).isEqualTo(dir.toRealPath().resolve("quarantine/escape.csv"));
            assertThat(Files.isSymbolicLink(q.file())).isTrue();
            assertThat(Files.readString(q.reasonFile(), UTF_8)).startsWith("symbolic link refused");
        });
        assertThat(Files.readString(secret)).isEqualTo("id\n42\n");
    }

    @Test
    void hardLinkToAFileOutsideIsQuarantined() throws Exception {
        Path dir = drop();
        Path outside = Files.writeString(root.resolve("outside.csv"), "id\n7\n");
        Files.createLink(dir.resolve("linked.csv"), outside);
        DropDirectory drop = new DropDirectory(dir, "*.csv", FileDropLimits.defaults());
        assertThat(drop.claimNext()).isEmpty();
        assertThat(Files.readString(dir.resolve("quarantine/linked.csv.reason")))
                .startsWith("hard link refused: the file has 2 names");
        assertThat(outside).hasContent("id\n7\n");
    }

    @Test
    void reclaimRefusesTraversalNames() throws Exception {
        DropDirectory drop = new DropDirectory(drop(), "*.csv", FileDropLimits.defaults());
        for (String name : List.of(
                "../secret.csv", "..", "0123456789abcdef_../../etc/passwd", "0123456789abcdef_..", "/etc/passwd", "")) {
            assertThatThrownBy(() -> drop.reclaim(name)).as(name).isInstanceOf(UnsafePathException.class);
        }
    }

    @Test
    void reclaimFindsAFileClaimedEarlier() throws Exception {
        Path dir = drop();
        Files.writeString(dir.resolve("v..2.csv"), "id\n1\n");
        DropDirectory drop = new DropDirectory(dir, "*.csv", FileDropLimits.defaults());
        ClaimedFile claimed = drop.claimNext().orElseThrow();
        assertThat(claimed.originalName()).isEqualTo("v..2.csv");
        assertThat(new DropDirectory(dir, "*.csv", FileDropLimits.defaults()).reclaim(claimed.claimName()))
                .isEqualTo(claimed);
    }

    @Test
    void fileOverTheSizeLimitIsQuarantinedUnread() throws Exception {
        Path dir = drop();
        Files.writeString(dir.resolve("big.csv"), "id\n1234567\n");
        Files.writeString(dir.resolve("small.csv"), "id\n1\n");
        DropDirectory drop = new DropDirectory(dir, "*.csv", new FileDropLimits(10, 100));
        assertThat(drop.claimNext()).map(ClaimedFile::originalName).contains("small.csv");
        assertThat(Files.readString(dir.resolve("quarantine/big.csv.reason")))
                .isEqualTo("file size 11 bytes exceeds the limit of 10 bytes\n");
        assertThat(Files.readString(dir.resolve("quarantine/big.csv"))).isEqualTo("id\n1234567\n");
    }

    @Test
    void movesNeverOverwriteAnEarlierFileOfTheSameName() throws Exception {
        Path dir = drop();
        DropDirectory drop = new DropDirectory(dir, "*.csv", FileDropLimits.defaults());
        for (int i = 0; i < 3; i++) {
            Files.writeString(dir.resolve("daily.csv"), "id\n" + i + "\n");
            drop.markProcessed(drop.claimNext().orElseThrow());
            Files.writeString(dir.resolve("bad.csv"), "run " + i);
            drop.quarantine(drop.claimNext().orElseThrow(), "reason " + i);
        }
        assertThat(Files.readString(dir.resolve("processed/daily.csv"))).isEqualTo("id\n0\n");
        assertThat(Files.readString(dir.resolve("processed/daily-1.csv"))).isEqualTo("id\n1\n");
        assertThat(Files.readString(dir.resolve("processed/daily-2.csv"))).isEqualTo("id\n2\n");
        assertThat(Files.readString(dir.resolve("quarantine/bad-2.csv"))).isEqualTo("run 2");
        assertThat(Files.readString(dir.resolve("quarantine/bad-2.csv.reason"))).isEqualTo("reason 2\n");
        assertThat(Files.readString(dir.resolve("quarantine/bad.csv.reason"))).isEqualTo("reason 0\n");
        try (var processing = Files.list(dir.resolve("processing"))) {
            assertThat(processing).isEmpty();
        }
    }

    @Test
    void suffixGoesBeforeTheExtensions() {
        assertThat(DropDirectory.suffixed("visits.csv.gz", 2)).isEqualTo("visits-2.csv.gz");
        assertThat(DropDirectory.suffixed("README", 1)).isEqualTo("README-1");
        assertThat(DropDirectory.suffixed(".hidden.csv", 1)).isEqualTo(".hidden-1.csv");
    }

    @Test
    void refusesGlobWithSeparators() throws Exception {
        Path dir = drop();
        assertThatThrownBy(() -> new DropDirectory(dir, "../*.csv", FileDropLimits.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void directoriesMatchingTheGlobAreLeftAlone() throws Exception {
        Path dir = drop();
        Files.createDirectory(dir.resolve("sub.csv"));
        DropDirectory drop = new DropDirectory(dir, "*", FileDropLimits.defaults());
        assertThat(drop.claimNext()).isEmpty();
        assertThat(Files.isDirectory(dir.resolve("sub.csv"), LinkOption.NOFOLLOW_LINKS))
                .isTrue();
    }

    @Test
    void fileWhoseClaimNameWouldBeTooLongIsLeftInPlaceWithOneWarningAndTheOthersAreRead() throws Exception {
        Path dir = drop();
        String longName = "a".repeat(246) + ".csv"; // 250 bytes: legal, but its claim name would be 267
        Files.writeString(dir.resolve(longName), "id\n1\n");
        Files.writeString(dir.resolve("b.csv"), "id\n2\n");
        List<LogRecord> warnings;
        try (CapturedLog log = CapturedLog.of(DropDirectory.class)) {
            DropDirectory drop = new DropDirectory(dir, "*.csv", FileDropLimits.defaults());
            assertThat(drop.claimNext().orElseThrow().originalName()).isEqualTo("b.csv");
            assertThat(drop.claimNext()).isEmpty();
            assertThat(drop.claimNext()).isEmpty();
            warnings = log.records().stream()
                    .filter(record -> record.getLevel() == Level.WARNING)
                    .toList();
        }
        assertThat(dir.resolve(longName)).exists();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getMessage())
                .isEqualTo("left " + longName + " in the drop directory unread: its name is 250 bytes long, more than"
                        + " the 238 a claim name leaves room for (255 bytes at most); rename it shorter");
    }
}
