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

    @Test
    void forgetsASubjectOnceItsHourIsOver() {
        OncePerHour notes = new OncePerHour();
        for (int table = 0; table < 1000; table++) {
            notes.letThrough("db/public.events_" + table, NOON);
        }

        assertThat(notes.letThrough("db/public.t", NOON.plus(Duration.ofHours(1))))
                .isTrue();
        assertThat(notes.remembered())
                .as("the tables of an hour ago are forgotten")
                .isEqualTo(1);
    }

    @Test
    void remembersAtMostItsBoundAndLetsTheRestThrough() {
        OncePerHour notes = new OncePerHour(3);
        for (int table = 0; table < 5; table++) {
            assertThat(notes.letThrough("db/public.t" + table, NOON))
                    .as("t%d", table)
                    .isTrue();
        }

        assertThat(notes.remembered()).isEqualTo(3);
        assertThat(notes.letThrough("db/public.t0", NOON.plusSeconds(1)))
                .as("remembered")
                .isFalse();
        assertThat(notes.letThrough("db/public.t4", NOON.plusSeconds(1)))
                .as("not remembered")
                .isTrue();
    }
}
