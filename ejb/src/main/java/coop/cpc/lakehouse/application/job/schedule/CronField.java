package coop.cpc.lakehouse.application.job.schedule;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the five fields of a cron expression, its allowed values, and its syntax: {@code *},
 * {@code n}, {@code a-b}, {@code *}{@code /s}, {@code a-b/s}, and comma-separated lists of these.
 */
enum CronField {
    MINUTE("minute", 0, 59),
    HOUR("hour", 0, 23),
    DAY_OF_MONTH("day-of-month", 1, 31),
    MONTH("month", 1, 12),
    /** 0 to 7; 0 and 7 are both Sunday, and 7 is stored as 0. */
    DAY_OF_WEEK("day-of-week", 0, 7);

    private static final Pattern PART = Pattern.compile("(\\*|(\\d{1,9})(?:-(\\d{1,9}))?)(?:/(\\d{1,9}))?");

    private final String label;
    private final int min;
    private final int max;

    CronField(String label, int min, int max) {
        this.label = label;
        this.min = min;
        this.max = max;
    }

    String label() {
        return label;
    }

    /** The values the text allows, each a bit; day-of-week 7 comes back as 0. */
    BitSet parse(String text) throws InvalidInputException {
        BitSet values = new BitSet();
        for (String part : text.split(",", -1)) {
            values.or(parsePart(part));
        }
        if (this == DAY_OF_WEEK && values.get(7)) {
            values.clear(7);
            values.set(0);
        }
        return values;
    }

    /** Whether the values are all the field allows: the EJB wildcard, and a day field that restricts nothing. */
    boolean isAll(BitSet values) {
        int last = this == DAY_OF_WEEK ? 6 : max;
        return values.nextClearBit(min) > last;
    }

    /**
     * The values as an EJB schedule attribute: {@code *}, or a list of single values and ascending
     * ranges, the forms every attribute accepts (EJB allows increments only for second, minute and
     * hour, and none inside a list).
     */
    String toEjb(BitSet values) {
        if (isAll(values)) {
            return "*";
        }
        StringBuilder text = new StringBuilder();
        for (int from = values.nextSetBit(0); from >= 0; ) {
            int to = values.nextClearBit(from) - 1;
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(from);
            if (to > from) {
                text.append('-').append(to);
            }
            from = values.nextSetBit(to + 1);
        }
        return text.toString();
    }

    private BitSet parsePart(String part) throws InvalidInputException {
        if (part.isEmpty()) {
            throw invalid("has an empty item in its list");
        }
        Matcher m = PART.matcher(part);
        if (!m.matches()) {
            throw invalid(
                    "part '" + Names.abbreviate(part) + "' is not *, a number, a range a-b or a step */n or a-b/n");
        }
        int from = min;
        int to = max;
        if (m.group(2) != null) {
            from = value(m.group(2));
            to = m.group(3) == null ? from : value(m.group(3));
            if (to < from) {
                throw invalid("range " + part + " runs backwards; write it as two ranges");
            }
        }
        int step = 1;
        if (m.group(4) != null) {
            if (m.group(2) != null && m.group(3) == null) {
                throw invalid("part '" + part + "' has a step after a single value; use */n or a-b/n");
            }
            step = Integer.parseInt(m.group(4));
            if (step < 1 || step > max) {
                throw invalid("step " + step + " is outside 1-" + max);
            }
        }
        BitSet values = new BitSet();
        for (int v = from; v <= to; v += step) {
            values.set(v);
        }
        return values;
    }

    private int value(String digits) throws InvalidInputException {
        int value = Integer.parseInt(digits);
        if (value < min || value > max) {
            throw invalid("value " + value + " is outside " + min + "-" + max);
        }
        return value;
    }

    private InvalidInputException invalid(String what) {
        return new InvalidInputException("CRON field '" + label + "' " + what);
    }
}
