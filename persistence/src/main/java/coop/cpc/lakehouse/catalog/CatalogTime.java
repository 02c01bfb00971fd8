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

    private CatalogTime() {
    }

    public static Instant now() {
        return truncate(Clock.systemUTC().instant());
    }

    public static Instant truncate(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
