package coop.cpc.lakehouse.application.asset.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import org.junit.jupiter.api.Test;

/** A description PostgreSQL could not store, or would store changed, is refused, not failed or altered. */
class AssetDescriptionTest {

    @Test
    void aDescriptionWithNulOrALoneSurrogateIsBadInput() {
        assertThatThrownBy(() -> DefaultAssetService.validDescription("a\u0000b"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("description must not contain NUL");
        assertThatThrownBy(() -> DefaultAssetService.validDescription("x\ud800y"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("description is not valid Unicode");
    }

    @Test
    void anOrdinaryDescriptionIsKept() throws Exception {
        assertThat(DefaultAssetService.validDescription("Visits per day \ud83d\ude00"))
                .isEqualTo("Visits per day \ud83d\ude00");
    }
}
