package coop.cpc.lakehouse.application.job.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.job.IngestionJobService;
import coop.cpc.lakehouse.application.job.JobRun;
import coop.cpc.lakehouse.application.job.JobStateException;
import coop.cpc.lakehouse.application.job.MissedTick;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.testing.CapturedLog;
import jakarta.ejb.EJBException;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestionSchedulesTest {
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final FakeTimerService timers = new FakeTimerService();
    private IngestionSchedules schedules;

    @BeforeEach
    void setUp() {
        schedules = new IngestionSchedules();
        schedules.timerService = timers.service();
        schedules.storedJobs = catalog.jobs;
    }

    @Test
    void startUpOnANewTimerStoreRecreatesTheTimerOfEveryScheduledJobAndMovesItsNextRunOn() {
        IngestionJob hourly = job(ScheduleKind.INTERVAL, "PT1H");
        IngestionJob nightly = job(ScheduleKind.CRON, "0 2 * * *");
        job(ScheduleKind.MANUAL, null);
        Instant before = Instant.now();

        schedules.start();

        assertThat(timers.described())
                .containsExactlyInAnyOrder(hourly.getId() + " every 3600000 ms", nightly.getId() + " calendar 0 2");
        assertThat(timers.timers).allMatch(Timer::isPersistent);
        assertThat(hourly.getNextRunAt())
                .isAfter(before.plus(Duration.ofMinutes(59)))
                .isBeforeOrEqualTo(Instant.now().plus(Duration.ofHours(1)));
        assertThat(nightly.getNextRunAt()).isAfter(before);
        assertThat(schedules.nextRun(hourly.getId())).isPresent();
    }

    @Test
    void startUpKeepsTheTimersTheServerKeptSoThatNothingDoubles() throws Exception {
        IngestionJob hourly = job(ScheduleKind.INTERVAL, "PT1H");
        schedules.apply(hourly.getId(), hourly.getSchedule(), hourly.getScheduleExpression());
        List<FakeTimerService.FakeTimer> kept = List.copyOf(timers.timers);

        schedules.start();
        schedules.start();

        assertThat(timers.timers).as("the same timer, not a new one").containsExactlyElementsOf(kept);
        assertThat(hourly.getNextRunAt()).as("left as the update set it").isEqualTo(LONG_AGO);
    }

    @Test
    void startUpRemovesTheTimersOfJobsThatAreGoneOrNoLongerScheduled() throws Exception {
        IngestionJob manual = job(ScheduleKind.MANUAL, null);
        UUID deleted = UUID.randomUUID();
        schedules.apply(manual.getId(), ScheduleKind.INTERVAL, "PT1H");
        schedules.apply(deleted, ScheduleKind.CRON, "0 2 * * *");

        schedules.start();

        assertThat(timers.timers).isEmpty();
    }

    @Test
    void startUpLeavesOneTimerToAJobThatHadTwo() throws Exception {
        IngestionJob hourly = job(ScheduleKind.INTERVAL, "PT1H");
        IngestionJob other = job(ScheduleKind.INTERVAL, "PT1H");
        schedules.apply(other.getId(), ScheduleKind.INTERVAL, "PT1H");
        // A timer store restored from a backup beside the timers of a new one.
        for (int i = 0; i < 2; i++) {
            timers.createIntervalTimer(
                    60_000, 3_600_000, new TimerConfig(hourly.getId().toString(), true));
        }

        schedules.start();

        assertThat(timers.described())
                .containsExactlyInAnyOrder(hourly.getId() + " every 3600000 ms", other.getId() + " every 3600000 ms");
    }

    @Test
    void aJobWhoseStoredScheduleThisBuildRefusesKeepsNoTimerAndTheOthersAreRepaired() {
        // Accepted by an earlier build, or written by hand: the start-up says so and goes on.
        IngestionJob tooOften = job(ScheduleKind.INTERVAL, "PT30S");
        IngestionJob hourly = job(ScheduleKind.INTERVAL, "PT1H");

        schedules.start();

        assertThat(timers.described()).containsExactly(hourly.getId() + " every 3600000 ms");
        assertThat(tooOften.getNextRunAt())
                .as("no tick will come: the job shows none")
                .isNull();
    }

    @Test
    void aJobWhoseStoredScheduleThisBuildRefusesLosesTheTwoTimersItHadSoThatItReallyRunsOnNoSchedule() {
        IngestionJob tooOften = job(ScheduleKind.INTERVAL, "PT30S");
        // A timer store restored from a backup beside the timers of a new one, from a build that accepted PT30S.
        for (int i = 0; i < 2; i++) {
            timers.createIntervalTimer(
                    30_000, 30_000, new TimerConfig(tooOften.getId().toString(), true));
        }

        schedules.start();

        assertThat(timers.timers).as("no timer left to fire").isEmpty();
        assertThat(schedules.nextRun(tooOften.getId())).isEmpty();
        assertThat(tooOften.getNextRunAt()).isNull();
    }

    private IngestionJob job(ScheduleKind kind, String expression) {
        IngestionJob job = new IngestionJob("job_" + catalog.jobRows.size(), SourceType.FILE_DROP, "{}", null, "alice");
        job.schedule(kind, expression);
        job.setNextRunAt(kind.needsExpression() ? LONG_AGO : null);
        catalog.jobs.add(job);
        return job;
    }

    @Test
    void aTickSkippedForTheSameReasonAsTheLastIsLoggedAtInfoOnlyOnce() throws Exception {
        // A job whose target asset was deleted would otherwise say so at INFO on every tick (PT1M: every minute).
        String noTarget = "ingestion job drop2 has no target asset (it was deleted); give it one with"
                + " updateIngestionJob before starting it";
        String running = "ingestion job drop2 is running (execution 7); stop it or wait for it to end";
        Deque<Object> outcomes =
                new ArrayDeque<>(List.of(noTarget, noTarget, noTarget, running, running, started(8), noTarget));
        UUID jobId = UUID.randomUUID();

        List<LogRecord> logged = loggedTicking(jobId, outcomes, JobStateException::new);

        String skipped = "Scheduled run of ingestion job " + jobId + " skipped: ";
        assertThat(atInfoOrAbove(logged))
                .containsExactly(
                        skipped + noTarget,
                        skipped + running,
                        "Scheduled run of ingestion job " + jobId + " started: execution 8",
                        skipped + noTarget);
        assertThat(logged)
                .extracting(LogRecord::getLevel)
                .as("the repeats at FINE")
                .containsExactly(Level.INFO, Level.FINE, Level.FINE, Level.INFO, Level.FINE, Level.INFO, Level.INFO);
    }

    @Test
    void aJobWhoseStoredSettingsNoLongerStartIsNamedWithTheCauseOnceNotAStackTraceAtEveryTick() throws Exception {
        String unreadable = "The catalog holds an unreadable source definition: Unrecognized field \"glob2\"";
        Deque<Object> outcomes = new ArrayDeque<>(List.of(unreadable, unreadable, unreadable, started(9), unreadable));
        UUID jobId = UUID.randomUUID();

        // What the container makes of the service's IllegalStateException.
        List<LogRecord> logged =
                loggedTicking(jobId, outcomes, cause -> new EJBException(new IllegalStateException(cause)));

        String failed = "Scheduled run of ingestion job " + jobId + " failed to start: " + unreadable
                + "; the next one is due at its usual time";
        assertThat(atInfoOrAbove(logged))
                .containsExactly(failed, "Scheduled run of ingestion job " + jobId + " started: execution 9", failed);
        assertThat(logged)
                .extracting(LogRecord::getLevel)
                .as("WARNING once, the repeats at FINE")
                .containsExactly(Level.WARNING, Level.FINE, Level.FINE, Level.INFO, Level.WARNING);
        assertThat(logged)
                .extracting(record -> record.getThrown() != null)
                .as("a stack trace with the first of a cause only")
                .containsExactly(true, false, false, false, true);
    }

    @Test
    void aSkippedTickIsTheJobsMissedTickUntilAScheduledRunStartsAndARepeatMovesItsTimeOn() throws Exception {
        String running = "ingestion job drop2 is running (execution 7); stop it or wait for it to end";
        UUID jobId = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Timer timer = ticking(jobId, new ArrayDeque<>(List.of(running, running, started(8))), JobStateException::new);
        Instant before = Instant.now();

        schedules.fire(timer);

        MissedTick first = missedTick(jobId).orElseThrow();
        assertThat(first.outcome()).isEqualTo(MissedTick.Outcome.SKIPPED);
        assertThat(first.reason()).as("the log line's reason").isEqualTo(running);
        assertThat(first.at()).isBetween(before.minusMillis(1), Instant.now());
        assertThat(schedules.missedTicks(List.of(jobId, other))).containsOnlyKeys(jobId);

        Thread.sleep(2);
        schedules.fire(timer);

        MissedTick again = missedTick(jobId).orElseThrow();
        assertThat(again.reason()).isEqualTo(running);
        assertThat(again.at()).as("the last tick's time").isAfter(first.at());

        schedules.fire(timer);

        assertThat(missedTick(jobId))
                .as("cleared by the scheduled run that started")
                .isEmpty();
    }

    @Test
    void aTickThatFailedToStartIsTheJobsMissedTickUntilARunStartsByHandOrItsScheduleGoes() throws Exception {
        String unreadable = "The catalog holds an unreadable source definition: Unrecognized field \"glob2\"";
        UUID jobId = UUID.randomUUID();
        Timer timer = ticking(
                jobId,
                new ArrayDeque<>(List.of(unreadable, unreadable)),
                cause -> new EJBException(new IllegalStateException(cause)));

        schedules.fire(timer);

        MissedTick failed = missedTick(jobId).orElseThrow();
        assertThat(failed.outcome()).isEqualTo(MissedTick.Outcome.FAILED);
        assertThat(failed.reason()).isEqualTo(unreadable);

        schedules.runStarted(jobId);

        assertThat(missedTick(jobId))
                .as("cleared by a run started by hand or restarted")
                .isEmpty();

        schedules.fire(timer);
        schedules.cancel(jobId);

        assertThat(missedTick(jobId)).as("cleared with the schedule").isEmpty();
    }

    @Test
    void aCredentialInTheCauseOfAFailedTickIsNeitherInItsMissedTickNorInTheLog() throws Exception {
        // A source definition stored by hand or by an earlier build, echoed by the parser, with a JDBC URL in it.
        String secretCause = "The catalog holds an unreadable source definition: Cannot deserialize from"
                + " \"jdbc:postgresql://plant-db:5432/plant?user=reader&password=hunter2\" and {\"token\":\"tk-99\"}";
        UUID jobId = UUID.randomUUID();

        List<LogRecord> logged = loggedTicking(
                jobId,
                new ArrayDeque<>(List.of(secretCause)),
                cause -> new EJBException(new IllegalStateException(cause)));

        MissedTick failed = missedTick(jobId).orElseThrow();
        assertThat(failed.reason())
                .doesNotContain("hunter2", "tk-99")
                .contains("jdbc:postgresql://plant-db:5432/plant?user=reader&password=***", "{\"token\":\"***\"}");
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).getMessage())
                .doesNotContain("hunter2", "tk-99")
                .contains(failed.reason());
        assertThat(logged.get(0).getThrown())
                .as("no stack trace, whose messages would name the password")
                .isNull();
    }

    private static JobRun started(long execution) {
        return new JobRun(
                execution, execution, null, "STARTING", null, "SCHEDULE", null, false, null, null, List.of(), null);
    }

    /**
     * What is logged at FINE and above while the job's timer ticks once per outcome: a run started, or the failure
     * {@code failure} makes of a message.
     */
    private List<LogRecord> loggedTicking(UUID jobId, Deque<Object> outcomes, Function<String, Exception> failure)
            throws Exception {
        Timer timer = ticking(jobId, outcomes, failure);
        Logger logger = Logger.getLogger(IngestionSchedules.class.getName());
        Level level = logger.getLevel();
        logger.setLevel(Level.FINE);
        try (CapturedLog log = CapturedLog.of(IngestionSchedules.class)) {
            while (!outcomes.isEmpty()) {
                schedules.fire(timer);
            }
            return List.copyOf(log.records());
        } finally {
            logger.setLevel(level);
        }
    }

    /**
     * The job's timer, scheduled PT1M, whose every tick has the next outcome: a run started, or the failure {@code
     * failure} makes of a message.
     */
    private Timer ticking(UUID jobId, Deque<Object> outcomes, Function<String, Exception> failure) throws Exception {
        schedules.jobs = (IngestionJobService) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {IngestionJobService.class}, (proxy, method, args) -> {
                    Object outcome = outcomes.removeFirst();
                    if (outcome instanceof String message) {
                        throw failure.apply(message);
                    }
                    return outcome;
                });
        schedules.apply(jobId, ScheduleKind.INTERVAL, "PT1M");
        return timers.timers.get(0);
    }

    /** The job's last missed tick, if it has one. */
    private Optional<MissedTick> missedTick(UUID jobId) {
        return Optional.ofNullable(schedules.missedTicks(List.of(jobId)).get(jobId));
    }

    /** The messages logged at INFO and above: what the server log shows by default. */
    private static List<String> atInfoOrAbove(List<LogRecord> records) {
        return records.stream()
                .filter(record -> record.getLevel().intValue() >= Level.INFO.intValue())
                .map(LogRecord::getMessage)
                .toList();
    }
}
