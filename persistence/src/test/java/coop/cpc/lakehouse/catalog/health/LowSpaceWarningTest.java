package coop.cpc.lakehouse.catalog.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LowSpaceWarningTest {

    @Test
    void warnsOnceWhenTheFolderTurnsShortOfSpaceAndAgainAfterItRecovered() {
        List<String> warnings = new ArrayList<>();
        LowSpaceWarning warning = new LowSpaceWarning(warnings::add);

        warning.observe(false, "/srv/webm");
        warning.observe(true, "/srv/webm");
        warning.observe(true, "/srv/webm");
        warning.observe(true, "/srv/webm");

        assertThat(warnings)
                .containsExactly("Storage readiness is DOWN: the segment folder /srv/webm has less than 64 MiB"
                        + " usable; it stays DOWN until space is freed");

        warning.observe(false, "/srv/webm");
        warning.observe(true, "/srv/webm");

        assertThat(warnings).hasSize(2);
    }
}
