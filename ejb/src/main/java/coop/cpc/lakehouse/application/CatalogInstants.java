package coop.cpc.lakehouse.application;

import java.time.Instant;

/**
 * The instants the catalog's timestamps hold (PostgreSQL timestamptz, years 1 to 9999): an instant outside them
 * in a filter would fail in the database ("timestamp out of range") instead of being refused as bad input.
 */
public final class CatalogInstants {
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private CatalogInstants() {}

    /** Refuses an instant (null: not given) the catalog cannot hold, naming the argument. */
    public static void requireStorable(String name, Instant instant) throws InvalidInputException {
        if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
            throw new InvalidInputException(name + " must be from " + EARLIEST + " to " + LATEST + ", not " + instant);
        }
    }
}
