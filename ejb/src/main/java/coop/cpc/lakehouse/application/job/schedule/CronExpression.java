package coop.cpc.lakehouse.application.job.schedule;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import jakarta.ejb.ScheduleExpression;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A parsed five-field cron expression, {@code minute hour day-of-month month day-of-week}, in UTC.
 *
 * <p>The day rule is the one EJB calendar timers follow, so that {@link #next} agrees with the timer
 * made from {@link #toEjb}: when both day fields restrict the day, a day matching either one runs;
 * otherwise the restricting one (if any) decides. A day field restricts when it does not allow
 * every value: unlike classic cron, {@code 1-31} counts as {@code *}, and {@code *}{@code /2} restricts.
 */
final class CronExpression {
    /** Long enough to reach the next 29 February from any date (2096 to 2104 is the longest gap). */
    private static final int SEARCH_DAYS = 9 * 366;

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricts;
    private final boolean dayOfWeekRestricts;

    private CronExpression(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek) {
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.dayOfMonthRestricts = !CronField.DAY_OF_MONTH.isAll(daysOfMonth);
        this.dayOfWeekRestricts = !CronField.DAY_OF_WEEK.isAll(daysOfWeek);
    }

    /** @throws InvalidInputException naming the field and the part that is wrong */
    static CronExpression parse(String expression) throws InvalidInputException {
        if (expression == null || expression.isBlank()) {
            throw new InvalidInputException("CRON expression is required");
        }
        ScheduleExpressions.requireLength(ScheduleKind.CRON, expression);
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != 5) {
            throw new InvalidInputException("CRON expression '" + Names.abbreviate(expression.trim()) + "' has "
                    + fields.length + " fields; it needs 5: minute hour day-of-month month day-of-week");
        }
        CronExpression cron = new CronExpression(
                CronField.MINUTE.parse(fields[0]),
                CronField.HOUR.parse(fields[1]),
                CronField.DAY_OF_MONTH.parse(fields[2]),
                CronField.MONTH.parse(fields[3]),
                CronField.DAY_OF_WEEK.parse(fields[4]));
        cron.requireSomeDay(fields[2], fields[3]);
        return cron;
    }

    /** The first whole minute strictly after {@code after} that the expression matches. */
    Instant next(Instant after) {
        LocalDateTime start = LocalDateTime.ofInstant(after, ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1);
        LocalDate day = start.toLocalDate();
        for (int i = 0; i <= SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (!matches(day)) {
                continue;
            }
            boolean first = i == 0;
            for (int hour = hours.nextSetBit(first ? start.getHour() : 0);
                    hour >= 0;
                    hour = hours.nextSetBit(hour + 1)) {
                int fromMinute = first && hour == start.getHour() ? start.getMinute() : 0;
                int minute = minutes.nextSetBit(fromMinute);
                if (minute >= 0) {
                    return day.atTime(hour, minute).toInstant(ZoneOffset.UTC);
                }
            }
        }
        // parse() refuses expressions without a matching day, and every such day comes round within SEARCH_DAYS.
        throw new IllegalStateException("No run within " + SEARCH_DAYS + " days of " + after);
    }

    /** Whether the minute (in UTC, seconds ignored) is one the expression runs at. */
    boolean matches(LocalDateTime time) {
        return minutes.get(time.getMinute()) && hours.get(time.getHour()) && matches(time.toLocalDate());
    }

    /** The calendar timer schedule: second 0, UTC, every year. */
    ScheduleExpression toEjb() {
        return new ScheduleExpression()
                .second("0")
                .minute(CronField.MINUTE.toEjb(minutes))
                .hour(CronField.HOUR.toEjb(hours))
                .dayOfMonth(CronField.DAY_OF_MONTH.toEjb(daysOfMonth))
                .month(CronField.MONTH.toEjb(months))
                .dayOfWeek(CronField.DAY_OF_WEEK.toEjb(daysOfWeek))
                .year("*")
                .timezone("UTC");
    }

    private boolean matches(LocalDate day) {
        if (!months.get(day.getMonthValue())) {
            return false;
        }
        boolean dayOfMonth = daysOfMonth.get(day.getDayOfMonth());
        boolean dayOfWeek = daysOfWeek.get(day.getDayOfWeek().getValue() % 7);
        if (dayOfMonthRestricts && dayOfWeekRestricts) {
            return dayOfMonth || dayOfWeek;
        }
        return dayOfMonth && dayOfWeek;
    }

    /** Refuses day-of-month values that no chosen month has (30 February), unless day-of-week adds days. */
    private void requireSomeDay(String dayOfMonthText, String monthText) throws InvalidInputException {
        if (dayOfWeekRestricts) {
            return;
        }
        for (int month = months.nextSetBit(1); month >= 0; month = months.nextSetBit(month + 1)) {
            int longest = Month.of(month).maxLength();
            if (daysOfMonth.nextSetBit(1) <= longest) {
                return;
            }
        }
        throw new InvalidInputException("CRON fields 'day-of-month' " + Names.abbreviate(dayOfMonthText)
                + " and 'month' " + Names.abbreviate(monthText) + " never meet: no chosen month has such a day");
    }
}
