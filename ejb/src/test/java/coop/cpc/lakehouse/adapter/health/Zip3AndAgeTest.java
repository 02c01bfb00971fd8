package coop.cpc.lakehouse.adapter.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Zip3AndAgeTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831", "878", "879", "884",
                "890", "893"
            })
    void theSeventeenSparseAreasBecome000(String prefix) {
        assertThat(Zip3.of(prefix + "42")).isEqualTo("000");
        assertThat(Zip3.of(prefix + "42-1234")).isEqualTo("000");
    }

    @Test
    void otherZipsKeepTheirFirstThreeDigitsAndNonZipsGiveNothing() {
        assertThat(Zip3.RESTRICTED).hasSize(17);
        assertThat(Zip3.of("02139")).isEqualTo("021");
        assertThat(Zip3.of("03701")).isEqualTo("037");
        assertThat(Zip3.of("10001-0001")).isEqualTo("100");
        assertThat(Zip3.of("0213")).isNull();
        assertThat(Zip3.of("ABCDE")).isNull();
        assertThat(Zip3.of(null)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"1936-12-04, 90", "1936-12-05, 89", "2000-02-29, 26", "2026-12-04, 0"})
    void ageCountsWholeYearsWithTheBirthdayOnTheDay(LocalDate birth, int age) {
        assertThat(AgeBand.age(birth, LocalDate.of(2026, 12, 4))).isEqualTo(age);
    }

    @Test
    void agesOver89AreOneCategory() {
        assertThat(AgeBand.of(0)).isEqualTo("0");
        assertThat(AgeBand.of(89)).isEqualTo("89");
        assertThat(AgeBand.of(90)).isEqualTo("90+");
        assertThat(AgeBand.of(117)).isEqualTo("90+");
        assertThatThrownBy(() -> AgeBand.of(-1)).hasMessage("age must not be negative, not -1");
        assertThatThrownBy(() -> AgeBand.age(LocalDate.of(2027, 1, 1), LocalDate.of(2026, 12, 4)))
                .hasMessage("birth date 2027-01-01 is after 2026-12-04");
    }

    @Test
    void hierarchiesGeneralizeLevelByLevel() {
        Hierarchy age = Hierarchy.age();
        assertThat(age.height()).isEqualTo(4);
        assertThat(everyLevel(age, "37")).containsExactly("37", "35-39", "30-39", "20-39", "*");
        assertThat(age.generalize("88", 3)).isEqualTo("80-89");
        assertThat(age.generalize("90+", 2)).isEqualTo("90+");
        assertThat(age.generalize(null, 0)).isEqualTo("*");
        Hierarchy zip = Hierarchy.zip3();
        assertThat(everyLevel(zip, "021")).containsExactly("021", "02*", "0**", "*");
        assertThat(zip.generalize("000", 2)).isEqualTo("000");
        assertThat(Hierarchy.flat().generalize("F", 0)).isEqualTo("F");
        assertThat(Hierarchy.flat().generalize("F", 1)).isEqualTo("*");
        Hierarchy year = Hierarchy.year();
        assertThat(everyLevel(year, "2023")).containsExactly("2023", "2020-2024", "2020-2029", "*");
    }

    /** The value generalized at each level, from 0 (kept) to the hierarchy's height ({@code *}). */
    private static String[] everyLevel(Hierarchy hierarchy, String value) {
        return IntStream.rangeClosed(0, hierarchy.height())
                .mapToObj(level -> hierarchy.generalize(value, level))
                .toArray(String[]::new);
    }
}
