package coop.cpc.lakehouse.application.job.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import jakarta.ejb.ScheduleExpression;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleExpressionsTest {

    @Test
    void acceptsIntervalsFromOneMinuteTo366Days() throws InvalidInputException {
        assertThat(ScheduleExpressions.interval("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(ScheduleExpressions.interval(" PT15M ")).isEqualTo(Duration.ofMinutes(15));
        assertThat(ScheduleExpressions.interval("P1DT12H")).isEqualTo(Duration.ofHours(36));
        assertThat(ScheduleExpressions.interval("P366D")).isEqualTo(Duration.ofDays(366));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "PT59S   | INTERVAL PT59S is outside PT1M to P366D",
                "P367D   | INTERVAL P367D is outside PT1M to P366D",
                "-PT15M  | INTERVAL -PT15M is outside PT1M to P366D",
                "P1M     | INTERVAL 'P1M' is not an ISO-8601 duration such as PT15M, PT6H or P1D (days at most: no months or years)",
                "15 min  | INTERVAL '15 min' is not an ISO-8601 duration such as PT15M, PT6H or P1D (days at most: no months or years)",
            })
    void refusesIntervalsOutsideTheBoundsOrNotIso8601(String expression, String message) {
        assertThatThrownBy(() -> ScheduleExpressions.interval(expression))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0 25 * * *        | CRON field 'hour' value 25 is outside 0-23",
                "60 * * * *        | CRON field 'minute' value 60 is outside 0-59",
                "* * 0 * *         | CRON field 'day-of-month' value 0 is outside 1-31",
                "* * * 13 *        | CRON field 'month' value 13 is outside 1-12",
                "* * * * 8         | CRON field 'day-of-week' value 8 is outside 0-7",
                "* * * JAN *       | CRON field 'month' part 'JAN' is not *, a number, a range a-b or a step */n or a-b/n",
                "* * * * MON-FRI   | CRON field 'day-of-week' part 'MON-FRI' is not *, a number, a range a-b or a step */n or a-b/n",
                "*/0 * * * *       | CRON field 'minute' step 0 is outside 1-59",
                "5/15 * * * *      | CRON field 'minute' part '5/15' has a step after a single value; use */n or a-b/n",
                "0 22-2 * * *      | CRON field 'hour' range 22-2 runs backwards; write it as two ranges",
                "0,,30 * * * *     | CRON field 'minute' has an empty item in its list",
                "0 0 * *           | CRON expression '0 0 * *' has 4 fields; it needs 5: minute hour day-of-month month day-of-week",
                "0 0 0 * * *       | CRON expression '0 0 0 * * *' has 6 fields; it needs 5: minute hour day-of-month month day-of-week",
                "0 0 30-31 2 *     | CRON fields 'day-of-month' 30-31 and 'month' 2 never meet: no chosen month has such a day",
                "0 0 L * *         | CRON field 'day-of-month' part 'L' is not *, a number, a range a-b or a step */n or a-b/n",
            })
    void refusesCronExpressionsNamingTheFieldAndTheBadPart(String expression, String message) {
        assertThatThrownBy(() -> ScheduleExpressions.validate(ScheduleKind.CRON, expression))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    @Test
    void refusesExpressionsLongerThanTheBoundBeforeParsingThem() {
        // Each is valid but for its length: every minute listed over and over, a period with 4 MiB of leading zeros.
        String cron = "0" + ",0".repeat(2_000_000) + " * * * *";
        String interval = "PT" + "0".repeat(4 << 20) + "15M";

        assertThatThrownBy(() -> ScheduleExpressions.validate(ScheduleKind.CRON, cron))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("scheduleExpression: the CRON expression has " + cron.length()
                        + " characters; at most 512 are allowed");
        assertThatThrownBy(() -> ScheduleExpressions.validate(ScheduleKind.INTERVAL, interval))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("scheduleExpression: the INTERVAL expression has " + interval.length()
                        + " characters; at most 512 are allowed");
        assertThatThrownBy(() -> ScheduleExpressions.nextRun(ScheduleKind.CRON, cron, Instant.EPOCH))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void acceptsACronExpressionListingEveryValueOfEveryField() throws InvalidInputException {
        String every = String.join(" ", list(0, 59), list(0, 23), list(1, 31), list(1, 12), list(0, 7));

        assertThat(every.length()).isLessThan(512);
        assertThatCode(() -> ScheduleExpressions.validate(ScheduleKind.CRON, every))
                .doesNotThrowAnyException();
    }

    private static String list(int from, int to) {
        return String.join(
                ",",
                java.util.stream.IntStream.rangeClosed(from, to)
                        .mapToObj(Integer::toString)
                        .toList());
    }

    @Test
    void requiresAnExpressionForIntervalAndCronAndNoneForTheOthers() {
        assertThatThrownBy(() -> ScheduleExpressions.validate(ScheduleKind.CRON, " "))
                .hasMessage("CRON expression is required");
        assertThatThrownBy(() -> ScheduleExpressions.validate(ScheduleKind.INTERVAL, null))
                .hasMessage("INTERVAL expression is required, an ISO-8601 duration such as PT15M");
        assertThatThrownBy(() -> ScheduleExpressions.validate(ScheduleKind.MANUAL, "PT1M"))
                .hasMessage("a MANUAL schedule takes no expression, but got 'PT1M'");
        assertThatThrownBy(() -> ScheduleExpressions.validate(null, null))
                .hasMessage("schedule is required: MANUAL, REALTIME, INTERVAL or CRON");
        assertThatCode(() -> ScheduleExpressions.validate(ScheduleKind.REALTIME, null))
                .doesNotThrowAnyException();
        assertThatCode(() -> ScheduleExpressions.validate(ScheduleKind.MANUAL, ""))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsFebruaryTheThirtiethWhenDayOfWeekAddsDays() {
        assertThatCode(() -> ScheduleExpressions.validate(ScheduleKind.CRON, "0 0 30 2 1"))
                .doesNotThrowAnyException();
        assertThatCode(() -> ScheduleExpressions.validate(ScheduleKind.CRON, "0 0 29 2 *"))
                .doesNotThrowAnyException();
    }

    @Test
    void convertsCronToAnEjbCalendarScheduleInUtc() throws InvalidInputException {
        ScheduleExpression schedule = ScheduleExpressions.calendar("*/15 9-17 * * 1-5");

        assertThat(schedule.getSecond()).isEqualTo("0");
        assertThat(schedule.getMinute()).isEqualTo("0,15,30,45");
        assertThat(schedule.getHour()).isEqualTo("9-17");
        assertThat(schedule.getDayOfMonth()).isEqualTo("*");
        assertThat(schedule.getMonth()).isEqualTo("*");
        assertThat(schedule.getDayOfWeek()).isEqualTo("1-5");
        assertThat(schedule.getYear()).isEqualTo("*");
        assertThat(schedule.getTimezone()).isEqualTo("UTC");
    }

    @Test
    void expandsStepsAndListsIntoPlainListsAndRangesForEveryField() throws InvalidInputException {
        ScheduleExpression schedule = ScheduleExpressions.calendar("0-10/5,30 1-5/2,22 */10 1-12/3 5-7");

        assertThat(schedule.getMinute()).isEqualTo("0,5,10,30");
        assertThat(schedule.getHour()).isEqualTo("1,3,5,22");
        assertThat(schedule.getDayOfMonth()).isEqualTo("1,11,21,31");
        assertThat(schedule.getMonth()).isEqualTo("1,4,7,10");
        assertThat(schedule.getDayOfWeek()).isEqualTo("0,5-6");
    }

    @Test
    void writesFullDayFieldsAsTheWildcard() throws InvalidInputException {
        ScheduleExpression schedule = ScheduleExpressions.calendar("0 0 1-31 */1 0-7");

        assertThat(schedule.getDayOfMonth()).isEqualTo("*");
        assertThat(schedule.getMonth()).isEqualTo("*");
        assertThat(schedule.getDayOfWeek()).isEqualTo("*");
    }

    @Test
    void nextIntervalRunIsOnePeriodLater() throws InvalidInputException {
        Instant after = Instant.parse("2026-03-01T10:07:30Z");

        assertThat(ScheduleExpressions.nextRun(ScheduleKind.INTERVAL, "PT15M", after))
                .isEqualTo(Instant.parse("2026-03-01T10:22:30Z"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // expression      | after                    | next
                "*/15 * * * *      | 2026-03-01T10:07:30Z     | 2026-03-01T10:15:00Z",
                "*/15 * * * *      | 2026-03-01T10:15:00Z     | 2026-03-01T10:30:00Z",
                "* * * * *         | 2026-03-01T10:15:00.001Z | 2026-03-01T10:16:00Z",
                "0 2 * * *         | 2026-03-01T02:00:00Z     | 2026-03-02T02:00:00Z",
                "30 23 31 12 *     | 2026-03-01T00:00:00Z     | 2026-12-31T23:30:00Z",
                "0 0 29 2 *        | 2026-03-01T00:00:00Z     | 2028-02-29T00:00:00Z",
                "0 0 29 2 *        | 2096-03-01T00:00:00Z     | 2104-02-29T00:00:00Z",
                "0 9 * * 1-5       | 2026-03-06T09:00:00Z     | 2026-03-09T09:00:00Z",
                "0 9 * * 7         | 2026-03-02T00:00:00Z     | 2026-03-08T09:00:00Z",
                // both day fields restrict: the 13th or any Friday
                "0 0 13 * 5        | 2026-03-01T00:00:00Z     | 2026-03-06T00:00:00Z",
                "0 0 13 * 5        | 2026-03-10T00:00:00Z     | 2026-03-13T00:00:00Z",
                "0 0 30 2 1        | 2026-03-01T00:00:00Z     | 2027-02-01T00:00:00Z",
                "59 23 * * *       | 2026-12-31T23:59:00Z     | 2027-01-01T23:59:00Z",
            })
    void nextCronRunIsTheFirstMatchingMinuteStrictlyAfter(String expression, Instant after, Instant next)
            throws InvalidInputException {
        assertThat(ScheduleExpressions.nextRun(ScheduleKind.CRON, expression, after))
                .isEqualTo(next);
    }

    @Test
    void manualAndRealtimeHaveNoNextRun() {
        assertThatThrownBy(() -> ScheduleExpressions.nextRun(ScheduleKind.MANUAL, null, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
