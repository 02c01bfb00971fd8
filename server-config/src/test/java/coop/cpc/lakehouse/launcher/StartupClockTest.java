package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupClockTest {
    private static final long JVM_START = 1_800_000_000_000L;

    @Test
    void countsFromTheStartTimeThatTheScriptPassed() {
        StartupClock clock = StartupClock.of(
                Map.of("LAKEHOUSE_STARTED_AT_MS", String.valueOf(JVM_START - 1_500)), JVM_START + 10_000, JVM_START);

        assertThat(clock.secondsSinceStart(JVM_START + 10_000)).isEqualTo(11.5);
    }

    @Test
    void countsFromTheJvmStartWhenThePassedTimeIsMissingMalformedLaterThanTheJvmOrStale() {
        for (Map<String, String> environment : new Map[] {
            Map.of(),
            Map.of("LAKEHOUSE_STARTED_AT_MS", "1733000000%3N"),
            Map.of("LAKEHOUSE_STARTED_AT_MS", String.valueOf(JVM_START + 5)),
            Map.of("LAKEHOUSE_STARTED_AT_MS", String.valueOf(JVM_START - 2 * 3_600_000))
        }) {
            StartupClock clock = StartupClock.of(environment, JVM_START + 4_000, JVM_START);

            assertThat(clock.secondsSinceStart(JVM_START + 4_000))
                    .as(environment.toString())
                    .isEqualTo(4.0);
        }
    }
}
