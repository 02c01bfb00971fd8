package coop.cpc.lakehouse.application.job.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The next CRON run, checked against an oracle built from the generated parts themselves rather than
 * from the parser: each generated field carries the set of values it means.
 */
class ScheduleExpressionsPropertyTest {
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2090-01-01T00:00:00Z");

    /** A field's text and the values it allows (day-of-week 7 already folded to 0). */
    record Field(String text, Set<Integer> values) {}

    record Cron(Field minute, Field hour, Field dayOfMonth, Field month, Field dayOfWeek) {
        String text() {
            return String.join(" ", minute.text, hour.text, dayOfMonth.text, month.text, dayOfWeek.text);
        }

        boolean matches(LocalDateTime t) {
            return t.getSecond() == 0
                    && t.getNano() == 0
                    && minute.values.contains(t.getMinute())
                    && hour.values.contains(t.getHour())
                    && month.values.contains(t.getMonthValue())
                    && dayMatches(t);
        }

        private boolean dayMatches(LocalDateTime t) {
            boolean dom = dayOfMonth.values.contains(t.getDayOfMonth());
            boolean dow = dayOfWeek.values.contains(t.getDayOfWeek().getValue() % 7);
            boolean domRestricts = dayOfMonth.values.size() < 31;
            boolean dowRestricts = dayOfWeek.values.size() < 7;
            return domRestricts && dowRestricts ? dom || dow : dom && dow;
        }

        boolean hasSomeDay() {
            return dayOfWeek.values.size() < 7
                    || month.values.stream()
                            .anyMatch(m -> dayOfMonth.values.stream()
                                    .anyMatch(d -> d <= Month.of(m).maxLength()));
        }
    }

    @Property(tries = 1000)
    void nextCronRunIsStrictlyAfterAndMatchesEveryField(@ForAll("crons") Cron cron, @ForAll("instants") Instant after)
            throws InvalidInputException {
        Instant next = ScheduleExpressions.nextRun(ScheduleKind.CRON, cron.text(), after);

        assertThat(next).isAfter(after);
        assertThat(cron.matches(LocalDateTime.ofInstant(next, ZoneOffset.UTC)))
                .as("%s matches %s", next, cron.text())
                .isTrue();
    }

    @Property(tries = 300)
    void noMatchingMinuteIsSkippedBeforeTheNextCronRun(@ForAll("crons") Cron cron, @ForAll("instants") Instant after)
            throws InvalidInputException {
        Instant next = ScheduleExpressions.nextRun(ScheduleKind.CRON, cron.text(), after);

        // Minute by minute, at most two days of it, from the first whole minute after `after`.
        Instant end = next.isBefore(after.plus(2, ChronoUnit.DAYS)) ? next : after.plus(2, ChronoUnit.DAYS);
        for (Instant t = after.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
                t.isBefore(end);
                t = t.plus(1, ChronoUnit.MINUTES)) {
            assertThat(cron.matches(LocalDateTime.ofInstant(t, ZoneOffset.UTC)))
                    .as("%s for %s", t, cron.text())
                    .isFalse();
        }
    }

    /** Expressions with some day to run on; the others are refused, covered by the example tests. */
    @Provide
    Arbitrary<Cron> crons() {
        return Combinators.combine(field(0, 59), field(0, 23), field(1, 31), field(1, 12), field(0, 7))
                .as((minute, hour, dom, month, dow) -> new Cron(minute, hour, dom, month, foldSunday(dow)))
                .filter(Cron::hasSomeDay);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs()
                .between(EARLIEST.toEpochMilli(), LATEST.toEpochMilli())
                .map(Instant::ofEpochMilli);
    }

    private static Arbitrary<Field> field(int min, int max) {
        return part(min, max)
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(parts -> new Field(
                        parts.stream().map(Field::text).collect(Collectors.joining(",")),
                        parts.stream().flatMap(p -> p.values.stream()).collect(Collectors.toCollection(TreeSet::new))));
    }

    private static Arbitrary<Field> part(int min, int max) {
        Arbitrary<Integer> value = Arbitraries.integers().between(min, max);
        Arbitrary<Integer> step = Arbitraries.integers().between(1, Math.max(1, max / 2));
        Arbitrary<Field> all = Arbitraries.just(new Field("*", values(min, max, 1)));
        Arbitrary<Field> single = value.map(v -> new Field(String.valueOf(v), Set.of(v)));
        Arbitrary<Field> range = Combinators.combine(value, value)
                .as((a, b) ->
                        new Field(Math.min(a, b) + "-" + Math.max(a, b), values(Math.min(a, b), Math.max(a, b), 1)));
        Arbitrary<Field> allStepped = step.map(s -> new Field("*/" + s, values(min, max, s)));
        Arbitrary<Field> rangeStepped = Combinators.combine(value, value, step)
                .as((a, b, s) -> new Field(
                        Math.min(a, b) + "-" + Math.max(a, b) + "/" + s, values(Math.min(a, b), Math.max(a, b), s)));
        return Arbitraries.frequencyOf(
                Tuple.of(1, all),
                Tuple.of(3, single),
                Tuple.of(3, range),
                Tuple.of(2, allStepped),
                Tuple.of(2, rangeStepped));
    }

    private static Set<Integer> values(int from, int to, int step) {
        return IntStream.iterate(from, v -> v <= to, v -> v + step).boxed().collect(Collectors.toSet());
    }

    private static Field foldSunday(Field dayOfWeek) {
        Set<Integer> days = dayOfWeek.values.stream().map(d -> d % 7).collect(Collectors.toCollection(TreeSet::new));
        return new Field(dayOfWeek.text, days);
    }
}
