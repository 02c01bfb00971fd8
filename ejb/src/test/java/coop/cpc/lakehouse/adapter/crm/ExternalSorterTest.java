package coop.cpc.lakehouse.adapter.crm;

import static org.assertj.core.api.Assertions.assertThat;

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
}
