package coop.cpc.lakehouse.catalog.jpa;

/** Argument checks shared by the adapters. */
final class Limits {

    private Limits() {}

    static int requirePositive(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        return limit;
    }
}
