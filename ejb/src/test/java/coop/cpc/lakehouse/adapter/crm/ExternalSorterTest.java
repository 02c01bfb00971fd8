package coop.cpc.lakehouse.adapter.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalSorterTest {

    @Test
    void spillsRunsAndMergesThemIntoTheSameOrderAsAnInMemorySort(@TempDir Path dir) throws Exception {
        Random random = new Random(7);
        List<Interaction> all = new ArrayList<>();
        for (int n = 0; n < 10_000; n++) {
            all.add(new Interaction(
                    "c" + random.nextInt(300),
                    random.nextInt(1000),
                    random.nextBoolean() ? "visit" : null,
                    "web",
                    n % 7 == 0 ? "converted" : null,
                    n % 3 == 0 ? null : n * 0.5,
                    n));
        }
        List<Interaction> merged = new ArrayList<>();
        try (ExternalSorter<Interaction> sorter =
                new ExternalSorter<>(Interaction.JOURNEY_ORDER, Interaction.CODEC, 999, dir)) {
            all.forEach(sorter::add);
            assertThat(sorter.runs()).isEqualTo(10);
            for (Iterator<Interaction> it = sorter.sorted(); it.hasNext(); ) {
                merged.add(it.next());
            }
        }
        all.sort(Interaction.JOURNEY_ORDER);
        assertThat(merged).isEqualTo(all);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    /** The sort spills every record at buffer 1: a value over writeUTF's 65,535 bytes must survive it. */
    @Test
    void sortsValuesLongerThan65535BytesThroughRunFiles(@TempDir Path dir) throws Exception {
        Interaction longOutcome = new Interaction("b", 1, "visit", "web", "x".repeat(70_000), null, 0);
        Interaction longCustomer = new Interaction("a".repeat(70_000), 2, "y".repeat(70_000), null, null, 2.0, 1);
        List<Interaction> merged = new ArrayList<>();
        try (ExternalSorter<Interaction> sorter =
                new ExternalSorter<>(Interaction.JOURNEY_ORDER, Interaction.CODEC, 1, dir)) {
            sorter.add(longOutcome);
            sorter.add(longCustomer);
            assertThat(sorter.runs()).isEqualTo(2);
            sorter.sorted().forEachRemaining(merged::add);
        }
        assertThat(merged).containsExactly(longCustomer, longOutcome);
    }

    /** Nine interactions through a buffer of four: two runs of four, one left in memory. */
    private static ExternalSorter<Interaction> sorterOfNine(Path dir) {
        ExternalSorter<Interaction> sorter = new ExternalSorter<>(Interaction.JOURNEY_ORDER, Interaction.CODEC, 4, dir);
        for (int n = 0; n < 9; n++) {
            sorter.add(new Interaction("c" + n, n, "visit", "web", "secret outcome", null, n));
        }
        return sorter;
    }

    private static Path firstRun(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.sorted().findFirst().orElseThrow();
        }
    }

    /** A run cut short loses no record silently: the error names the run and how far it got. */
    @Test
    void refusesATruncatedRun(@TempDir Path dir) throws Exception {
        try (ExternalSorter<Interaction> sorter = sorterOfNine(dir)) {
            Path run = firstRun(dir);
            try (RandomAccessFile file = new RandomAccessFile(run.toFile(), "rw")) {
                file.setLength(file.length() - 3);
            }

            assertThatThrownBy(() -> sorter.sorted().forEachRemaining(i -> {}))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("damaged sort run " + run + ": it ended after 3 of its 4 records");
        }
    }

    /** A string length past the end of the run is refused before anything of that size is allocated. */
    @Test
    void refusesALengthLongerThanTheRun(@TempDir Path dir) throws Exception {
        try (ExternalSorter<Interaction> sorter = sorterOfNine(dir)) {
            Path run = firstRun(dir);
            long size = Files.size(run);
            try (RandomAccessFile file = new RandomAccessFile(run.toFile(), "rw")) {
                file.seek(4); // after the record count: the first record's customer id length
                file.writeInt(0x7FFFFFF0);
            }

            assertThatThrownBy(() -> sorter.sorted().forEachRemaining(i -> {}))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("damaged sort run " + run + ": a string of 2147483632 bytes, more than the "
                            + (size - 8) + " bytes left of the run")
                    .hasMessageNotContaining("secret");
        }
    }

    /** Bytes after the records the run's head counts are damage too. */
    @Test
    void refusesARunLongerThanItsRecords(@TempDir Path dir) throws Exception {
        try (ExternalSorter<Interaction> sorter = sorterOfNine(dir)) {
            Path run = firstRun(dir);
            Files.write(run, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);

            assertThatThrownBy(() -> sorter.sorted().forEachRemaining(i -> {}))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("damaged sort run " + run + ": it holds more than its 4 records");
        }
    }
}
