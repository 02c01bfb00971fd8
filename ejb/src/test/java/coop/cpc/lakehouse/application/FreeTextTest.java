package coop.cpc.lakehouse.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FreeTextTest {

    @Test
    void refusesNulNamingTheFieldAndThePosition() {
        assertThatThrownBy(() -> FreeText.require("description", "a\u0000b"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("description must not contain NUL characters (U+0000, at index 1)");
    }

    @Test
    void refusesLoneSurrogatesEitherHalf() {
        assertThatThrownBy(() -> FreeText.require("description", "x\ud800y"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("description is not valid Unicode: a lone surrogate U+D800 at index 1");
        assertThatThrownBy(() -> FreeText.require("name", "x\udc00"))
                .hasMessage("name is not valid Unicode: a lone surrogate U+DC00 at index 1");
        assertThatThrownBy(() -> FreeText.require("name", "\ud800"))
                .hasMessage("name is not valid Unicode: a lone surrogate U+D800 at index 0");
    }

    @Test
    void keepsTextWithPairedSurrogatesAndNull() throws Exception {
        assertThat(FreeText.require("description", "caf\u00e9 \ud83d\ude00")).isEqualTo("caf\u00e9 \ud83d\ude00");
        assertThat(FreeText.require("description", null)).isNull();
    }
}
