package coop.cpc.lakehouse.application;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CatalogInstantsTest {

    @Test
    void refusesInstantsBeforeYearOneOrAfterYear9999NamingTheArgument() {
        assertThatThrownBy(() -> CatalogInstants.requireStorable("from", Instant.parse("-4714-11-23T00:00:00Z")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("from must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z,"
                        + " not -4714-11-23T00:00:00Z");
        assertThatThrownBy(() -> CatalogInstants.requireStorable("to", Instant.parse("+294277-01-01T00:00:00Z")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("to must be from");
    }

    @Test
    void acceptsTheFirstAndLastStorableInstantsAndNull() {
        assertThatCode(() -> {
                    CatalogInstants.requireStorable("from", CatalogInstants.EARLIEST);
                    CatalogInstants.requireStorable("to", CatalogInstants.LATEST);
                    CatalogInstants.requireStorable("to", null);
                })
                .doesNotThrowAnyException();
    }
}
