package coop.cpc.lakehouse.ingest.record;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A UTC timestamp in the one text shape nearly every value of a source has, read without a
 * {@code DateTimeFormatter}: parsing with one cost more than the rest of a row. Any other text gives
 * null, and the caller reads it with its full parser (which accepts or refuses it as before).
 */
public final class TimestampText {

    private TimestampText() {}

    /**
     * {@code yyyy-MM-dd<separator>HH:mm:ss[.f]<suffix>}, the fraction of 1 to {@code maxFraction}
     * digits, taken as UTC.
     *
     * @return the instant, or null when the text has another shape or names no valid date and time
     */
    public static Instant utc(String text, char separator, String suffix, int maxFraction) {
        if (!text.endsWith(suffix)) {
            return null;
        }
        int end = text.length() - suffix.length();
        if (end < 19
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != separator
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int nanos = 0;
        if (end > 19) {
            int fraction = end - 20;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > maxFraction || fraction > 9) {
                return null;
            }
            nanos = digits(text, 20, end);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            // February 30th, second 60 and the like: the full parser decides.
            return null;
        }
    }

    /** The ASCII digits text[from, to) as a number, or -1 when one is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
