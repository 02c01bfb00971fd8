package coop.cpc.lakehouse.application.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OncePerHourTest {
    private static final Instant NOON = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void letsANoteThroughOnceAnHourPerSubject() {
        OncePerHour notes = new OncePerHour();

        assertThat(notes.letThrough("db/public.t", NOON)).as("first").isTrue();
        assertThat(notes.letThrough("db/public.t", NOON.plus(Duration.ofMinutes(59))))
                .as("within the hour")
                .isFalse();
        assertThat(notes.letThrough("db/public.u", NOON.plusSeconds(1)))
                .as("another table")
                .isTrue();
        assertThat(notes.letThrough("db/public.t", NOON.plus(Duration.ofHours(1))))
                .as("an hour later")
                .isTrue();
        assertThat(notes.letThrough("db/public.t", NOON.plus(Duration.ofMinutes(61))))
                .isFalse();
    }
}
