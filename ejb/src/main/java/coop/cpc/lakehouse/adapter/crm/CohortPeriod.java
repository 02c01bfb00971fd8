package coop.cpc.lakehouse.adapter.crm;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/** The UTC periods cohorts are counted in: calendar months, or ISO weeks (Monday to Sunday). */
public enum CohortPeriod {
    MONTH,
    WEEK;

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    /** The period's number: months since 1970-01, or weeks since the Monday 1969-12-29. */
    public long index(long epochMicros) {
        long day = Math.floorDiv(epochMicros, MICROS_PER_DAY);
        if (this == WEEK) {
            return Math.floorDiv(day + 3, 7);
        }
        LocalDate date = LocalDate.ofEpochDay(day);
        return (date.getYear() - 1970L) * 12 + date.getMonthValue() - 1;
    }

    public long index(Instant instant) {
        return index(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000));
    }

    /** The period's first day (UTC). */
    public LocalDate start(long index) {
        if (this == WEEK) {
            return LocalDate.ofEpochDay(index * 7 - 3);
        }
        return LocalDate.of((int) (1970 + Math.floorDiv(index, 12)), (int) Math.floorMod(index, 12) + 1, 1);
    }

    /** {@code 2026-03} for a month, {@code 2026-03-02} (its Monday) for a week. */
    public String label(long index) {
        LocalDate start = start(index);
        // From year and month, not a cut of the ISO text: that is "+10000-" for year 10000 (assets now store years 1
        // to 9999, but a segment written before may hold others).
        return this == MONTH
                ? String.format(Locale.ROOT, "%04d-%02d", start.getYear(), start.getMonthValue())
                : start.toString();
    }

    String word() {
        return this == MONTH ? "month" : "week";
    }
}
