package coop.cpc.lakehouse.adapter.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohortAnalyzerTest {

    private static long micros(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000L;
    }

    /**
     * January cohort: a (Jan, Feb, Mar), b (Jan, Mar), c (Jan); February cohort: d (Feb, Mar), e (Feb).
     * Last month March. Jan: 3 / [3, 1, 2] -> 100%, 33.3%, 66.7%; Feb: 2 / [2, 1] -> 100%, 50%.
     * Month 1 on average: (1 + 1) / (3 + 2) = 40% -> halves by month 1.
     */
    @Test
    void monthlyRetentionOfAHandExample() {
        CohortAnalyzer analyzer = new CohortAnalyzer(CohortPeriod.MONTH);
        analyzer.accept("a", micros("2026-01-03T10:00:00Z"));
        analyzer.accept("a", micros("2026-02-28T23:59:59Z"));
        analyzer.accept("a", micros("2026-03-01T00:00:00Z"));
        analyzer.accept("b", micros("2026-01-31T23:00:00Z"));
        analyzer.accept("b", micros("2026-03-15T00:00:00Z"));
        analyzer.accept("c", micros("2026-01-10T00:00:00Z"));
        analyzer.accept("d", micros("2026-03-10T00:00:00Z"));
        analyzer.accept("d", micros("2026-02-10T00:00:00Z"));
        analyzer.accept("e", micros("2026-02-11T00:00:00Z"));
        CohortReport report = analyzer.finish();

        assertThat(report.lastPeriod()).isEqualTo("2026-03");
        assertThat(report.cohorts())
                .containsExactly(
                        new CohortReport.Cohort(
                                "2026-01",
                                LocalDate.of(2026, 1, 1),
                                3,
                                List.of(3L, 1L, 2L),
                                List.of(1.0, 1.0 / 3, 2.0 / 3)),
                        new CohortReport.Cohort(
                                "2026-02", LocalDate.of(2026, 2, 1), 2, List.of(2L, 1L), List.of(1.0, 0.5)));
        assertThat(report.insights())
                .containsExactly(
                        "5 customers in 2 monthly cohorts, from 2026-01 to 2026-02.",
                        "Best cohort: 2026-02 (2 customers) with 50.0% still active one month later.",
                        "Worst cohort: 2026-01 (3 customers) with 33.3% still active one month later.",
                        "Retention halves by month 1: on average 40.0% of a cohort's customers are active then.");
    }

    @Test
    void weeksStartOnMondayUtc() {
        assertThat(CohortPeriod.WEEK.label(CohortPeriod.WEEK.index(micros("2026-12-06T23:59:59Z"))))
                .isEqualTo("2026-11-30");
        assertThat(CohortPeriod.WEEK.label(CohortPeriod.WEEK.index(micros("2026-12-07T00:00:00Z"))))
                .isEqualTo("2026-12-07");
        assertThat(CohortPeriod.WEEK.label(CohortPeriod.WEEK.index(micros("1969-12-31T00:00:00Z"))))
                .isEqualTo("1969-12-29");
        assertThat(CohortPeriod.MONTH.label(CohortPeriod.MONTH.index(micros("1969-12-31T00:00:00Z"))))
                .isEqualTo("1969-12");

        CohortAnalyzer analyzer = new CohortAnalyzer(CohortPeriod.WEEK);
        analyzer.accept("a", micros("2026-12-06T12:00:00Z"));
        analyzer.accept("a", micros("2026-12-14T12:00:00Z"));
        CohortReport report = analyzer.finish();
        assertThat(report.cohorts().get(0).active()).containsExactly(1L, 0L, 1L);
        assertThat(report.insights())
                .contains("Retention halves by week 1: on average 0.0% of a cohort's customers are active then.");
    }

    @Test
    void noSecondPeriodMeansNothingToCompare() {
        CohortAnalyzer analyzer = new CohortAnalyzer(CohortPeriod.MONTH);
        analyzer.accept("a", micros("2026-01-03T10:00:00Z"));
        assertThat(analyzer.finish().insights())
                .containsExactly(
                        "1 customers in 1 monthly cohorts, from 2026-01 to 2026-01.",
                        "No cohort has a second month in the data yet, so retention cannot be compared.",
                        "Retention cannot halve yet: the data spans one month.");
    }

    /** A typo year (9999) would give every cohort one cell per week up to it: millions of cells. */
    @Test
    void refusesASpanOfMorePeriodsThanTheBound() {
        CohortAnalyzer analyzer = new CohortAnalyzer(CohortPeriod.WEEK);
        analyzer.accept("a", micros("1970-01-01T00:00:00Z"));

        assertThatThrownBy(() -> analyzer.accept("b", micros("9999-12-31T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the interactions span 418986 weeks, from 1969-12-29 to 9999-12-27; a cohort analysis"
                        + " covers at most " + CohortAnalyzer.MAX_PERIODS + " (check for timestamps far in the past"
                        + " or future)");
    }

    /** The refusal comes with the interaction that breaks the bound, not after the whole source was read. */
    @Test
    void refusesTheFirstInteractionBeyondTheBoundWhenItIsAccepted() {
        CohortAnalyzer analyzer = new CohortAnalyzer(CohortPeriod.MONTH);
        long start = CohortPeriod.MONTH.start(0).toEpochDay() * 86_400_000_000L;
        long later = CohortPeriod.MONTH.start(2_000).toEpochDay() * 86_400_000_000L;
        analyzer.accept("a", start);

        assertThatThrownBy(() -> analyzer.accept("a", later))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the interactions span 2001 months, from 1970-01 to 2136-09; a cohort analysis covers at"
                        + " most " + CohortAnalyzer.MAX_PERIODS + " (check for timestamps far in the past or future)");
    }

    @Test
    void acceptsASpanOfExactlyTheBound() {
        CohortAnalyzer analyzer = new CohortAnalyzer(CohortPeriod.MONTH);
        analyzer.accept("a", CohortPeriod.MONTH.start(0).toEpochDay() * 86_400_000_000L);
        analyzer.accept(
                "b", CohortPeriod.MONTH.start(CohortAnalyzer.MAX_PERIODS - 1).toEpochDay() * 86_400_000_000L);

        assertThat(analyzer.finish().cohorts().get(0).active()).hasSize(CohortAnalyzer.MAX_PERIODS);
    }
}
