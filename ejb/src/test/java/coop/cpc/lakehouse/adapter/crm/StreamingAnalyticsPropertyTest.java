package coop.cpc.lakehouse.adapter.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random interactions through the spilling sort (a buffer of a few records, so nearly every record
 * goes through a run file) give the same journeys and cohorts as a plain in-memory computation.
 */
class StreamingAnalyticsPropertyTest {
    private static final String[] TYPES = {"visit", "cart", "purchase"};

    @Property(tries = 40)
    void spilledStreamingEqualsInMemory(
            @ForAll @IntRange(min = 1, max = 400) int count,
            @ForAll @IntRange(min = 1, max = 9) int buffer,
            @ForAll long seed)
            throws Exception {
        Random random = new Random(seed);
        List<Interaction> all = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            long micros = (1_735_689_600L + random.nextInt(200 * 86_400)) * 1_000_000L;
            all.add(new Interaction(
                    "c" + random.nextInt(30),
                    micros,
                    TYPES[random.nextInt(3)],
                    "web",
                    random.nextInt(5) == 0 ? "converted" : null,
                    null,
                    n));
        }
        Path dir = Files.createTempDirectory("spill-test");
        List<CustomerJourney> journeys = new ArrayList<>();
        JourneyAnalyzer journey = new JourneyAnalyzer(List.of("visit", "purchase"), journeys::add);
        CohortAnalyzer cohorts = new CohortAnalyzer(CohortPeriod.WEEK);
        try (ExternalSorter<Interaction> sorter =
                new ExternalSorter<>(Interaction.JOURNEY_ORDER, Interaction.CODEC, buffer, dir)) {
            all.forEach(sorter::add);
            for (Iterator<Interaction> it = sorter.sorted(); it.hasNext(); ) {
                Interaction i = it.next();
                journey.accept(i);
                cohorts.accept(i.customerId(), i.epochMicros());
            }
        }
        JourneyReport report = journey.finish();
        CohortReport cohortReport = cohorts.finish();

        // In memory, the plain way.
        Map<String, List<Interaction>> byCustomer = new TreeMap<>();
        for (Interaction i : all) {
            byCustomer.computeIfAbsent(i.customerId(), k -> new ArrayList<>()).add(i);
        }
        long converted = 0;
        Map<String, TreeSet<Long>> weeks = new TreeMap<>();
        List<String> paths = new ArrayList<>();
        for (Map.Entry<String, List<Interaction>> e : byCustomer.entrySet()) {
            List<Interaction> list = e.getValue();
            list.sort((a, b) -> a.epochMicros() != b.epochMicros()
                    ? Long.compare(a.epochMicros(), b.epochMicros())
                    : Long.compare(a.sequence(), b.sequence()));
            converted += list.stream().anyMatch(i -> "converted".equals(i.outcome())) ? 1 : 0;
            paths.add(String.join(
                            " > ",
                            list.stream()
                                    .limit(JourneyAnalyzer.MAX_PATH_STEPS)
                                    .map(Interaction::type)
                                    .toList())
                    + (list.size() > JourneyAnalyzer.MAX_PATH_STEPS ? " > ..." : ""));
            for (Interaction i : list) {
                long week = Math.floorDiv(
                        LocalDate.ofEpochDay(Math.floorDiv(i.epochMicros(), 86_400_000_000L))
                                        .toEpochDay()
                                + 3,
                        7);
                weeks.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(week);
            }
        }
        assertThat(report.customers()).isEqualTo(byCustomer.size());
        assertThat(report.converted()).isEqualTo(converted);
        assertThat(journeys).extracting(CustomerJourney::path).containsExactlyElementsOf(paths);
        Map<Long, long[]> expected = new TreeMap<>();
        for (TreeSet<Long> active : weeks.values()) {
            long cohort = active.first();
            long[] counts = expected.computeIfAbsent(cohort, k -> new long[(int) (lastWeekOf(weeks) - cohort) + 2]);
            counts[0]++;
            for (long w : active) {
                counts[(int) (w - cohort) + 1]++;
            }
        }
        assertThat(cohortReport.cohorts()).hasSize(expected.size());
        int c = 0;
        for (long[] counts : expected.values()) {
            CohortReport.Cohort got = cohortReport.cohorts().get(c++);
            assertThat(got.size()).isEqualTo(counts[0]);
            for (int p = 0; p < got.active().size(); p++) {
                assertThat(got.active().get(p)).isEqualTo(counts[p + 1]);
            }
            assertThat(got.active()).hasSize(counts.length - 1);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        Files.delete(dir);
    }

    private static long lastWeekOf(Map<String, TreeSet<Long>> weeks) {
        return weeks.values().stream().mapToLong(TreeSet::last).max().orElseThrow();
    }
}
