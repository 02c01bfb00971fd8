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
        return new BandedHierarchy(1, 5, 10, 20) {
            @Override
            boolean keptAsIs(String value, int level) {
                return AgeBand.NINETY_PLUS.equals(value);
            }

            @Override
            String band(int age, int width) {
                int low = age / width * width;
                return low + "-" + Math.min(low + width - 1, AgeBand.OLDEST_EXACT);
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
        return new BandedHierarchy(1, 5, 10) {
            @Override
            boolean keptAsIs(String value, int level) {
                return level == 0;
            }

            @Override
            String band(int year, int width) {
                int low = Math.floorDiv(year, width) * width;
                return low + "-" + (low + width - 1);
            }
        };
    }
}
