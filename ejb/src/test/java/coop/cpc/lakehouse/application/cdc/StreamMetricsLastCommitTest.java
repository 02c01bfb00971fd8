package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The time since a stream's last commit grows while it commits nothing, where its last lag stays put. */
class StreamMetricsLastCommitTest {
    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final StreamMetrics metrics = new StreamMetrics(clock);

    @Test
    void theTimeSinceTheLastCommitGrowsWhileNothingCommitsAndTheLagDoesNot() {
        metrics.committed(10, 1, 100L, clock.millis() - 200);
        assertThat(metrics.lagMs()).isEqualTo(200);
        assertThat(metrics.secondsSinceLastCommit()).isZero();

        clock.advance(Duration.ofSeconds(60));

        assertThat(metrics.secondsSinceLastCommit()).isEqualTo(60.0);
        assertThat(metrics.lagMs()).as("the lag of the last commit").isEqualTo(200);
    }

    @Test
    void aHeartbeatsOffsetAloneIsACommit() {
        metrics.committed(10, 1, 100L, clock.millis());
        clock.advance(Duration.ofSeconds(30));

        metrics.committed(0, 0, 101L, null);
        clock.advance(Duration.ofMillis(1500));

        assertThat(metrics.secondsSinceLastCommit()).isEqualTo(1.5);
    }

    @Test
    void beforeTheFirstCommitItIsTheTimeSinceTheMetricsBegan() {
        clock.advance(Duration.ofSeconds(90));

        assertThat(metrics.secondsSinceLastCommit()).isEqualTo(90.0);
    }

    private static final class AdjustableClock extends Clock {
        private Instant now;

        AdjustableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
