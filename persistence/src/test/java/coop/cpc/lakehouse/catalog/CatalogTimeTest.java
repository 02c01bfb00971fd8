package coop.cpc.lakehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CatalogTimeTest {

    @Test
    void truncatesDownAndCeilsUpToMicroseconds() {
        Instant t = Instant.ofEpochSecond(100, 123_456_789);

        assertThat(CatalogTime.truncate(t)).isEqualTo(Instant.ofEpochSecond(100, 123_456_000));
        assertThat(CatalogTime.ceil(t)).isEqualTo(Instant.ofEpochSecond(100, 123_457_000));
    }

    @Test
    void leavesWholeMicrosecondsAndNullAlone() {
        Instant t = Instant.ofEpochSecond(100, 123_456_000);

        assertThat(CatalogTime.truncate(t)).isEqualTo(t);
        assertThat(CatalogTime.ceil(t)).isEqualTo(t);
        assertThat(CatalogTime.ceil(null)).isNull();
        assertThat(CatalogTime.now().getNano() % 1000).isZero();
    }
}
