package coop.cpc.lakehouse.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps as PostgreSQL stores them. {@code timestamptz} keeps microseconds, so an entity
 * that kept nanoseconds in memory would differ from its row after a reload, and keyset cursors
 * built from it would skip or repeat rows.
 */
public final class CatalogTime {

    private CatalogTime() {}

    public static Instant now() {
        return truncate(Clock.systemUTC().instant());
    }

    /** Rounds down to microseconds: {@code stored <= instant} iff {@code stored <= truncate(instant)}. */
    public static Instant truncate(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Rounds up to microseconds: {@code stored < instant} iff {@code stored < ceil(instant)}, and
     * the same for {@code >=}. The JDBC driver would round to nearest instead, off by one.
     */
    public static Instant ceil(Instant instant) {
        Instant down = truncate(instant);
        return down == null || down.equals(instant) ? down : down.plus(1, ChronoUnit.MICROS);
    }
}
