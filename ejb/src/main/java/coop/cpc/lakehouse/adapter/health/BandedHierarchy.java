package coop.cpc.lakehouse.adapter.health;

/**
 * A numeric quasi-identifier's hierarchy: the exact value at level 0, then bands of the given widths,
 * then {@code *}.
 */
abstract class BandedHierarchy implements Hierarchy {
    private final int[] widths;

    /** @param widths the band width of each level below {@code *}; the first is the exact value's */
    BandedHierarchy(int... widths) {
        this.widths = widths;
    }

    @Override
    public final int height() {
        return widths.length;
    }

    @Override
    public final String generalize(String value, int level) {
        if (value == null || level >= height() || ANY.equals(value)) {
            return ANY;
        }
        if (keptAsIs(value, level)) {
            return value;
        }
        int number = Integer.parseInt(value);
        if (level == 0) {
            return value;
        }
        return band(number, widths[level]);
    }

    /** Whether {@code value} is shown unchanged at {@code level} without being read as a number. */
    abstract boolean keptAsIs(String value, int level);

    /** The band of {@code width} that holds {@code number}, as {@code low-high}. */
    abstract String band(int number, int width);
}
