package coop.cpc.lakehouse.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void acceptsLowerCaseIdentifiersUpTo63Characters() throws Exception {
        assertThat(Names.require("name", "vital_signs_2026")).isEqualTo("vital_signs_2026");
        assertThat(Names.require("name", "a" + "b".repeat(62))).hasSize(63);
    }

    @Test
    void rejectsWhatCouldEscapeAnIdentifierOrAPath() {
        for (String bad : new String[] {
            "Assets", "1st", "_x", "a-b", "a.b", "../etc", "a b", "x\"; drop table t; --", "a" + "b".repeat(63)
        }) {
            assertThatThrownBy(() -> Names.require("name", bad))
                    .as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("is not a valid name: expected [a-z][a-z0-9_]{0,62}");
        }
        assertThatThrownBy(() -> Names.require("namespace", "")).hasMessage("namespace is required");
    }

    @Test
    void abbreviatesLongValuesInMessages() {
        assertThat(Names.abbreviate("x".repeat(500))).hasSize(70).endsWith("...");
    }
}
