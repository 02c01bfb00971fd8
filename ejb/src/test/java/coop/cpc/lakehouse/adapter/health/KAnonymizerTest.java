package coop.cpc.lakehouse.adapter.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class KAnonymizerTest {

    private static String[] qi(String age, String zip, String sex) {
        return new String[] {age, zip, sex};
    }

    private final List<Hierarchy> hierarchies = List.of(Hierarchy.age(), Hierarchy.zip3(), Hierarchy.flat());

    @Test
    void alreadyKAnonymousRowsAreLeftAlone() {
        var result = new KAnonymizer(hierarchies, 2)
                .anonymize(List.of(qi("30", "021", "F"), qi("30", "021", "F")), List.of("a", "b"));
        assertThat(result.report().levels()).containsExactly(0, 0, 0);
        assertThat(result.report().kReached()).isEqualTo(2);
        assertThat(result.report().informationLoss()).isZero();
    }

    /**
     * Ages 31, 33, 36, 38 in ZIP3 021, all F: exact ages are four classes of one; 5-year bands give
     * 30-34 and 35-39, two classes of two. Loss: age level 1 of 4, averaged over 3 QIs = 1/12 per row.
     */
    @Test
    void generalizesAgeToFiveYearBandsWhenThatIsTheCheapestWayToK() {
        var result = new KAnonymizer(hierarchies, 2)
                .anonymize(
                        List.of(qi("31", "021", "F"), qi("33", "021", "F"), qi("36", "021", "F"), qi("38", "021", "F")),
                        List.of("a", "b", "c", "d"));
        assertThat(result.report().levels()).containsExactly(1, 0, 0);
        assertThat(result.generalized()).extracting(g -> g[0]).containsExactly("30-34", "30-34", "35-39", "35-39");
        assertThat(result.report().rowsSuppressed()).isZero();
        assertThat(result.report().kReached()).isEqualTo(2);
        assertThat(result.report().classes()).isEqualTo(2);
        assertThat(result.report().informationLoss()).isEqualTo(1.0 / 12, org.assertj.core.data.Offset.offset(1e-9));
    }

    /**
     * Five rows of 30/021/F and one outlier 80/994/M: generalizing enough to hide the outlier costs more
     * (age and zip to * for all six: loss (1+1+0)/3... per row) than suppressing it (1/6).
     */
    @Test
    void suppressesAnOutlierRatherThanGeneralizingEveryone() {
        var result = new KAnonymizer(hierarchies, 3)
                .anonymize(
                        List.of(
                                qi("30", "021", "F"),
                                qi("30", "021", "F"),
                                qi("30", "021", "F"),
                                qi("30", "021", "F"),
                                qi("30", "021", "F"),
                                qi("80", "994", "M")),
                        List.of("a", "b", "c", "d", "e", "f"));
        assertThat(result.report().levels()).containsExactly(0, 0, 0);
        assertThat(result.report().rowsSuppressed()).isEqualTo(1);
        assertThat(result.suppressed(5)).isTrue();
        assertThat(result.report().kReached()).isEqualTo(5);
        assertThat(result.report().informationLoss()).isEqualTo(1.0 / 6, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void classesCountSubjectsNotRows() {
        var result = new KAnonymizer(List.of(Hierarchy.flat()), 2)
                .anonymize(
                        List.of(new String[] {"F"}, new String[] {"F"}, new String[] {"M"}, new String[] {"M"}),
                        List.of("a", "a", "b", "c"));
        // Level 0: class F has one subject with two rows -> suppressed (2 of 4 rows, loss 0.5);
        // level 1: one class of three subjects, loss 1.0. Suppression wins.
        assertThat(result.report().levels()).containsExactly(0);
        assertThat(result.report().rowsSuppressed()).isEqualTo(2);
        assertThat(result.suppressed(0)).isTrue();
        assertThat(result.suppressed(2)).isFalse();
    }

    /**
     * The hunt's six rows: P1 moved from 021 to 100, so per row both classes hold 3 subjects, but P1 is the only
     * subject in both: their combination {021, 100} is a class of one. Generalizing zip3 does not help below *, so
     * P1 (both rows) is suppressed: loss 2/6, against 1 for zip3 = *.
     */
    @Test
    void aSubjectWhoseRowsFallInTwoClassesIsCountedByTheirCombination() {
        var result = new KAnonymizer(List.of(Hierarchy.zip3()), 2)
                .anonymize(
                        List.of(
                                new String[] {"021"},
                                new String[] {"100"},
                                new String[] {"021"},
                                new String[] {"021"},
                                new String[] {"100"},
                                new String[] {"100"}),
                        List.of("P1", "P1", "P2", "P3", "P4", "P5"));
        assertThat(result.suppressed(0)).isTrue();
        assertThat(result.suppressed(1)).isTrue();
        assertThat(result.report().rowsSuppressed()).isEqualTo(2);
        assertThat(result.report().levels()).containsExactly(0);
        assertThat(result.report().kReached()).isEqualTo(2);
        assertThat(result.report().classes()).isEqualTo(2);
    }

    /** Two subjects with the same two tuples form one class of two, whatever their rows' count. */
    @Test
    void subjectsWithTheSameCombinationShareAClass() {
        var result = new KAnonymizer(List.of(Hierarchy.flat()), 2)
                .anonymize(
                        List.of(
                                new String[] {"F"},
                                new String[] {"M"},
                                new String[] {"M"},
                                new String[] {"M"},
                                new String[] {"F"}),
                        List.of("a", "a", "a", "b", "b"));
        assertThat(result.report().rowsSuppressed()).isZero();
        assertThat(result.report().levels()).containsExactly(0);
        assertThat(result.report().classes()).isEqualTo(1);
        assertThat(result.report().kReached()).isEqualTo(2);
    }

    @Test
    void fewerSubjectsThanKSuppressesEverything() {
        var result = new KAnonymizer(hierarchies, 5)
                .anonymize(List.of(qi("30", "021", "F"), qi("40", "100", "M")), List.of("a", "b"));
        assertThat(result.report().rowsSuppressed()).isEqualTo(2);
        assertThat(result.report().kReached()).isZero();
    }

    /** postreview4 #3: the search's work is bounded up front, and the refusal names both figures. */
    @Test
    void refusesMoreRowsTimesCombinationsThanTheBound() {
        var anonymizer = new KAnonymizer(List.of("age", "zip3", "sex"), hierarchies, 2);
        int rows = (int) (KAnonymizer.MAX_ROW_COMBINATIONS / anonymizer.combinations()) + 1;
        assertThatThrownBy(() -> anonymizer.anonymize(
                        Collections.nCopies(rows, qi("30", "021", "F")), Collections.nCopies(rows, "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("too large for the k-anonymity search: " + rows + " rows × "
                        + anonymizer.combinations() + " combinations of levels of the quasi-identifiers age, zip3, sex")
                .hasMessageEndingWith("; extract fewer rows, or " + KAnonymizer.REMEDY);
    }
}
