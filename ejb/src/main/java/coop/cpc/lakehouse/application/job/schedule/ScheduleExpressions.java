package coop.cpc.lakehouse.application.job.schedule;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import jakarta.ejb.ScheduleExpression;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The rules for a job's schedule expression, and what it means.
 *
 * <ul>
 * <li>INTERVAL: an ISO-8601 duration ({@link Duration#parse}: {@code PT15M}, {@code PT6H}, {@code P1D}),
 *     from {@link #MIN_INTERVAL} to {@link #MAX_INTERVAL}.
 * <li>CRON: five fields {@code minute hour day-of-month month day-of-week}, in UTC. Each field is
 *     {@code *}, a number, a range {@code a-b}, a step {@code *}{@code /n} or {@code a-b/n}, or a
 *     comma-separated list of these. Minute 0-59, hour 0-23, day-of-month 1-31, month 1-12,
 *     day-of-week 0-7 (0 and 7 are Sunday). No names (JAN, MON), no {@code L}, {@code W}, {@code #}
 *     or {@code ?}. When both day fields restrict the day, either one matching is enough, as in
 *     cron and EJB; a day field that allows every value ({@code 1-31}) counts as {@code *}.
 * <li>MANUAL and REALTIME take no expression.
 * </ul>
 *
 * Every refusal is an {@link InvalidInputException} whose message names the field and the bad part.
 */
public final class ScheduleExpressions {
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    public static final Duration MAX_INTERVAL = Duration.ofDays(366);
    /**
     * The most characters an expression may have: a CRON expression listing every value of every field takes about
     * 360. Longer ones are refused before they are parsed, stored, shown in every job listing and logged.
     */
    public static final int MAX_EXPRESSION_CHARS = 512;

    private ScheduleExpressions() {}

    /** Checks the expression against the kind's rules. */
    public static void validate(ScheduleKind kind, String expression) throws InvalidInputException {
        if (kind == null) {
            throw new InvalidInputException("schedule is required: MANUAL, REALTIME, INTERVAL or CRON");
        }
        switch (kind) {
            case INTERVAL -> interval(expression);
            case CRON -> CronExpression.parse(expression);
            case MANUAL, REALTIME -> {
                if (expression != null && !expression.isBlank()) {
                    throw new InvalidInputException("a " + kind + " schedule takes no expression, but got '"
                            + Names.abbreviate(expression) + "'");
                }
            }
        }
    }

    /** The period of an INTERVAL schedule. */
    public static Duration interval(String expression) throws InvalidInputException {
        if (expression == null || expression.isBlank()) {
            throw new InvalidInputException("INTERVAL expression is required, an ISO-8601 duration such as PT15M");
        }
        requireLength(ScheduleKind.INTERVAL, expression);
        Duration interval;
        try {
            interval = Duration.parse(expression.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("INTERVAL '" + Names.abbreviate(expression.trim())
                    + "' is not an ISO-8601 duration such as PT15M, PT6H or P1D (days at most: no months or years)");
        }
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new InvalidInputException("INTERVAL " + expression.trim() + " is outside PT1M to P366D");
        }
        return interval;
    }

    /** Refuses an expression longer than {@link #MAX_EXPRESSION_CHARS}, naming its length. */
    static void requireLength(ScheduleKind kind, String expression) throws InvalidInputException {
        if (expression != null && expression.length() > MAX_EXPRESSION_CHARS) {
            throw new InvalidInputException("scheduleExpression: the " + kind + " expression has " + expression.length()
                    + " characters; at most " + MAX_EXPRESSION_CHARS + " are allowed");
        }
    }

    /** The EJB calendar timer schedule of a CRON expression: second 0, time zone UTC, any year. */
    public static ScheduleExpression calendar(String cron) throws InvalidInputException {
        return CronExpression.parse(cron).toEjb();
    }

    /**
     * When the schedule next runs after {@code after}: INTERVAL {@code after} plus the period; CRON
     * the first whole UTC minute strictly after {@code after} that matches every field.
     *
     * @throws InvalidInputException    when the expression breaks the kind's rules
     * @throws IllegalArgumentException for MANUAL and REALTIME, which have no next run
     */
    public static Instant nextRun(ScheduleKind kind, String expression, Instant after) throws InvalidInputException {
        return switch (kind) {
            case INTERVAL -> after.plus(interval(expression));
            case CRON -> CronExpression.parse(expression).next(after);
            case MANUAL, REALTIME -> throw new IllegalArgumentException("A " + kind + " schedule has no next run");
        };
    }
}
