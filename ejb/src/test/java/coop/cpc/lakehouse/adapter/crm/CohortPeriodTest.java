package coop.cpc.lakehouse.adapter.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CohortPeriodTest {
    @Test
    void monthLabelOfAFiveDigitYear() {
        long november = CohortPeriod.MONTH.index(Instant.parse("+55840-11-08T22:13:20Z"));
        long december = CohortPeriod.MONTH.index(Instant.parse("+55840-12-08T22:13:20Z"));
        assertThat(CohortPeriod.MONTH.label(november)).isEqualTo("55840-11");
        assertThat(CohortPeriod.MONTH.label(december)).isEqualTo("55840-12");
        assertThat(CohortPeriod.MONTH.label(CohortPeriod.MONTH.index(Instant.parse("0001-01-01T00:00:00Z"))))
                .isEqualTo("0001-01");
        assertThat(CohortPeriod.MONTH.label(CohortPeriod.MONTH.index(Instant.parse("2026-12-06T10:00:00Z"))))
                .isEqualTo("2026-12");
    }
}
