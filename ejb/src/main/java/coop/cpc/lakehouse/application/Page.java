package coop.cpc.lakehouse.application;

import coop.cpc.lakehouse.config.LakehouseSettings;
import java.util.List;

/** One page of a keyset-paged list, and whether more follow. */
public record Page<T>(List<T> items, boolean hasNextPage) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * @throws InvalidInputException when {@code first} is outside 1 to the configured maximum
     * @return how many to fetch: one more than {@code first}, which tells whether another page follows
     */
    public static int fetchSize(int first, LakehouseSettings settings) throws InvalidInputException {
        int max = settings.graphqlMaxPageSize();
        if (first < 1 || first > max) {
            throw new InvalidInputException("first must be from 1 to " + max + ", not " + first);
        }
        return first + 1;
    }

    /** The page of {@code first} items out of what {@link #fetchSize} fetched. */
    public static <T> Page<T> of(List<T> fetched, int first) {
        boolean more = fetched.size() > first;
        return new Page<>(more ? fetched.subList(0, first) : fetched, more);
    }
}
