package coop.cpc.lakehouse.adapter.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JourneyAnalyzerTest {
    private long seq;

    private Interaction i(String customer, long micros, String type, String outcome) {
        return new Interaction(customer, micros, type, "web", outcome, null, seq++);
    }

    /**
     * a: visit, email, visit, purchase(converted); b: visit, purchase; c: email.
     * Transitions: visit>email 1, email>visit 1, visit>purchase 2. Funnel visit, purchase: 2 then 2.
     */
    @Test
    void countsTransitionsPathsFunnelAndConversionOfAHandExample() {
        List<CustomerJourney> journeys = new ArrayList<>();
        JourneyAnalyzer analyzer = new JourneyAnalyzer(List.of("visit", "purchase"), journeys::add);
        List<Interaction> all = new ArrayList<>(List.of(
                i("a", 10, "visit", null),
                i("a", 20, "email", null),
                i("a", 30, "visit", null),
                i("a", 40, "purchase", "converted"),
                i("b", 5, "visit", null),
                i("b", 6, "purchase", "lost"),
                i("c", 1, "email", null)));
        all.sort(Interaction.JOURNEY_ORDER);
        all.forEach(analyzer::accept);
        JourneyReport report = analyzer.finish();

        assertThat(report.customers()).isEqualTo(3);
        assertThat(report.interactions()).isEqualTo(7);
        assertThat(report.converted()).isEqualTo(1);
        assertThat(report.conversionRate()).isEqualTo(1.0 / 3);
        assertThat(report.transitions())
                .containsExactly(
                        new JourneyReport.Transition("visit", "purchase", 2),
                        new JourneyReport.Transition("email", "visit", 1),
                        new JourneyReport.Transition("visit", "email", 1));
        assertThat(report.paths())
                .containsExactly(
                        new JourneyReport.PathCount("email", 1),
                        new JourneyReport.PathCount("visit > email > visit > purchase", 1),
                        new JourneyReport.PathCount("visit > purchase", 1));
        assertThat(report.funnel())
                .containsExactly(
                        new JourneyReport.FunnelStep("visit", 2, 1.0),
                        new JourneyReport.FunnelStep("purchase", 2, 1.0));
        assertThat(journeys)
                .containsExactly(
                        new CustomerJourney("a", 4, 10, 40, "visit > email > visit > purchase", true, 2),
                        new CustomerJourney("b", 2, 5, 6, "visit > purchase", false, 2),
                        new CustomerJourney("c", 1, 1, 1, "email", false, 0));
    }

    @Test
    void tiesInTimeGoByIngestionOrderAndTheFunnelNeedsStepsInOrder() {
        List<CustomerJourney> journeys = new ArrayList<>();
        JourneyAnalyzer analyzer = new JourneyAnalyzer(List.of("visit", "cart", "purchase"), journeys::add);
        List<Interaction> all = new ArrayList<>(
                List.of(i("a", 10, "cart", null), i("a", 10, "visit", null), i("a", 20, "purchase", null)));
        all.sort(Interaction.JOURNEY_ORDER);
        all.forEach(analyzer::accept);
        JourneyReport report = analyzer.finish();
        // cart came first (ingested first at the same instant), so visit -> cart never happens in order.
        assertThat(journeys.get(0).path()).isEqualTo("cart > visit > purchase");
        assertThat(report.funnel())
                .extracting(JourneyReport.FunnelStep::customers)
                .containsExactly(1L, 0L, 0L);
    }

    @Test
    void refusesInteractionsOutOfJourneyOrder() {
        JourneyAnalyzer analyzer = new JourneyAnalyzer(List.of(), j -> {});
        analyzer.accept(i("b", 1, "x", null));
        assertThatThrownBy(() -> analyzer.accept(i("a", 1, "x", null)))
                .hasMessage("interactions must come in journey order (customer, time, ingestion order)");
    }

    /** A type holding the path separator is one step: it is not confused with the two types around it. */
    @Test
    void aTypeHoldingTheSeparatorIsOneStep() {
        List<CustomerJourney> journeys = new ArrayList<>();
        JourneyAnalyzer analyzer = new JourneyAnalyzer(List.of(), journeys::add);
        analyzer.accept(i("a", 1, "visit > cart", null));
        analyzer.accept(i("b", 1, "visit", null));
        analyzer.accept(i("b", 2, "cart", null));
        JourneyReport report = analyzer.finish();

        assertThat(report.paths())
                .containsExactly(
                        new JourneyReport.PathCount("visit > cart", 1),
                        new JourneyReport.PathCount("visit \\> cart", 1));
        assertThat(journeys).extracting(CustomerJourney::path).containsExactly("visit \\> cart", "visit > cart");
    }

    /** Transitions are counted by the pair of types: U+001F (the old key's separator) inside a type stays there. */
    @Test
    void aTypeHoldingTheUnitSeparatorIsOneSideOfItsTransition() {
        JourneyAnalyzer analyzer = new JourneyAnalyzer(List.of(), j -> {});
        analyzer.accept(i("a", 1, "x\u001fy", null));
        analyzer.accept(i("a", 2, "z", null));
        analyzer.accept(i("b", 1, "x", null));
        analyzer.accept(i("b", 2, "y\u001fz", null));

        assertThat(analyzer.finish().transitions())
                .containsExactly(
                        new JourneyReport.Transition("x", "y\u001fz", 1),
                        new JourneyReport.Transition("x\u001fy", "z", 1));
    }

    /** A type literally named "(none)" is not a missing type. */
    @Test
    void aTypeNamedNoneIsNotAMissingType() {
        JourneyAnalyzer analyzer = new JourneyAnalyzer(List.of(), j -> {});
        analyzer.accept(i("a", 1, null, null));
        analyzer.accept(i("a", 2, "(none)", null));
        analyzer.accept(i("b", 1, "(none)", null));
        JourneyReport report = analyzer.finish();

        assertThat(report.paths())
                .containsExactly(
                        new JourneyReport.PathCount("(none) > \\(none)", 1),
                        new JourneyReport.PathCount("\\(none)", 1));
        assertThat(report.transitions()).containsExactly(new JourneyReport.Transition("(none)", "\\(none)", 1));
    }

    /** 25 steps of a 1,000,000-character type, every character escaped: the path stays within its bound. */
    @Test
    void aPathIsBoundedInCharactersWhateverItsTypes() {
        List<CustomerJourney> journeys = new ArrayList<>();
        JourneyAnalyzer analyzer = new JourneyAnalyzer(List.of(), journeys::add);
        String huge = ">".repeat(1_000_000);
        for (int n = 0; n < 25; n++) {
            analyzer.accept(i("a", n, huge, null));
        }
        JourneyReport report = analyzer.finish();

        String step = "\\>".repeat(JourneyAnalyzer.MAX_STEP_CHARS) + "…";
        String expected = String.join(" > ", java.util.Collections.nCopies(20, step)) + " > ...";
        assertThat(journeys.get(0).path()).isEqualTo(expected);
        assertThat(expected).hasSize(4_083);
        assertThat(expected.length()).isLessThanOrEqualTo(JourneyAnalyzer.MAX_PATH_CHARS);
        assertThat(report.transitions()).containsExactly(new JourneyReport.Transition(step, step, 24));
    }

    @Test
    void aLongTypeIsCutWithoutSplittingACharacter() {
        String type = "a".repeat(JourneyAnalyzer.MAX_STEP_CHARS - 1) + "\uD83D\uDE00" + "b";

        assertThat(JourneyAnalyzer.shown(type)).isEqualTo("a".repeat(JourneyAnalyzer.MAX_STEP_CHARS - 1) + "…");
        assertThat(JourneyAnalyzer.shown("a".repeat(JourneyAnalyzer.MAX_STEP_CHARS)))
                .isEqualTo("a".repeat(JourneyAnalyzer.MAX_STEP_CHARS));
    }
}
