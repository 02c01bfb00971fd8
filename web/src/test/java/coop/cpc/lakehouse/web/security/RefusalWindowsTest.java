package coop.cpc.lakehouse.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.web.security.RefusalWindows.Merged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalWindowsTest {
    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void theFirstRefusalOfAnAddressIsWrittenAndTheRestOfItsIntervalAsOneCount() {
        RefusalWindows windows = new RefusalWindows(Duration.ofSeconds(60), 8);
        List<Merged> written = new ArrayList<>();

        for (int s = 0; s < 59; s++) {
            written.addAll(windows.refuse("203.0.113.7", T0.plusSeconds(s)));
        }
        assertThat(written).containsExactly(new Merged("203.0.113.7", 1));

        written.addAll(windows.ended(T0.plusSeconds(60)));
        assertThat(written).containsExactly(new Merged("203.0.113.7", 1), new Merged("203.0.113.7", 58));
        assertThat(windows.openWindows()).isZero();
        // The next interval starts with a refusal written again.
        assertThat(windows.refuse("203.0.113.7", T0.plusSeconds(61))).containsExactly(new Merged("203.0.113.7", 1));
    }

    @Test
    void addressesPastTheBoundShareOneWindowWithoutAnAddress() {
        RefusalWindows windows = new RefusalWindows(Duration.ofSeconds(60), 2);
        List<Merged> written = new ArrayList<>();

        for (int a = 0; a < 1_000; a++) {
            written.addAll(windows.refuse("2001:db8::" + Integer.toHexString(a), T0.plusMillis(a)));
        }

        assertThat(written)
                .containsExactly(new Merged("2001:db8::0", 1), new Merged("2001:db8::1", 1), new Merged(null, 1));
        assertThat(windows.openWindows()).isEqualTo(3);
        assertThat(windows.closeAll()).containsExactly(new Merged(null, 997));
    }

    @Test
    void aWindowWithNoFurtherRefusalEndsWithoutAnEntry() {
        RefusalWindows windows = new RefusalWindows(Duration.ofSeconds(60), 8);
        windows.refuse("198.51.100.1", T0);

        assertThat(windows.ended(T0.plusSeconds(59))).isEmpty();
        assertThat(windows.openWindows()).isEqualTo(1);
        assertThat(windows.ended(T0.plusSeconds(60))).isEmpty();
        assertThat(windows.openWindows()).isZero();
    }
}
