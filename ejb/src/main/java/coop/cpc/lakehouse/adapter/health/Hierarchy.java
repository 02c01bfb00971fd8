package coop.cpc.lakehouse.adapter.health;

/**
 * A generalization hierarchy of one quasi-identifier: level 0 is the Safe Harbor value, each level
 * coarser, level {@link #height()} is {@code *} (nothing kept). A null value is {@code *} at every level.
 */
public interface Hierarchy {
    String ANY = "*";

    /** The level at which every value is {@code *}. */
    int height();

    /** The value at the given level, 0 to {@link #height()}. */
    String generalize(String value, int level);

    /** Age: exact (90+ kept), 5-year bands, 10-year bands, 20-year bands (80-89 the last), *. */
    static Hierarchy age() {
        return new Hierarchy() {
            private final int[] widths = {1, 5, 10, 20};

            @Override
            public int height() {
                return widths.length;
            }

            @Override
            public String generalize(String value, int level) {
                if (value == null || level >= height() || ANY.equals(value)) {
                    return ANY;
                }
                if (AgeBand.NINETY_PLUS.equals(value)) {
                    return value;
                }
                int age = Integer.parseInt(value);
                if (level == 0) {
                    return value;
                }
                int low = age / widths[level] * widths[level];
                int high = Math.min(low + widths[level] - 1, AgeBand.OLDEST_EXACT);
                return low + "-" + high;
            }
        };
    }

    /** ZIP3: the three digits, two digits and {@code *}, one digit and {@code **}, {@code *}. {@code 000} stays {@code 000} until {@code *}. */
    static Hierarchy zip3() {
        return new Hierarchy() {
            @Override
            public int height() {
                return 3;
            }

            @Override
            public String generalize(String value, int level) {
                if (value == null || level >= 3) {
                    return ANY;
                }
                if (Zip3.SPARSE_AREA.equals(value)) {
                    return value;
                }
                return value.substring(0, 3 - level) + "*".repeat(level);
            }
        };
    }

    /** A value or {@code *} (sex, and any quasi-identifier without a finer hierarchy). */
    static Hierarchy flat() {
        return new Hierarchy() {
            @Override
            public int height() {
                return 1;
            }

            @Override
            public String generalize(String value, int level) {
                return value == null || level >= 1 ? ANY : value;
            }
        };
    }

    /** A year: the year, 5-year span, decade, {@code *}. */
    static Hierarchy year() {
        return new Hierarchy() {
            private final int[] widths = {1, 5, 10};

            @Override
            public int height() {
                return widths.length;
            }

            @Override
            public String generalize(String value, int level) {
                if (value == null || level >= height() || ANY.equals(value)) {
                    return ANY;
                }
                if (level == 0) {
                    return value;
                }
                int year = Integer.parseInt(value);
                int low = Math.floorDiv(year, widths[level]) * widths[level];
                return low + "-" + (low + widths[level] - 1);
            }
        };
    }
}
