package coop.cpc.lakehouse.application.job.schedule;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.job.IngestionJobService;
import coop.cpc.lakehouse.application.job.JobRun;
import coop.cpc.lakehouse.application.job.JobStateException;
import coop.cpc.lakehouse.application.job.UnknownIngestionJobException;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.NoMoreTimeoutsException;
import jakarta.ejb.NoSuchObjectLocalException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs scheduled ingestion jobs with persistent EJB timers, one per job, whose info is the job id.
 * INTERVAL jobs get an interval timer whose first run is one period after {@link #apply}; CRON jobs a
 * calendar timer in UTC ({@link ScheduleExpressions}); MANUAL and REALTIME jobs none.
 *
 * <p>The timers are persistent: the server keeps them across restarts (WildFly's timer store), so
 * start-up only reports them and recreates nothing. {@link #apply} is idempotent (cancel, then
 * create), so calling it again with a job's stored schedule repairs its timer.
 *
 * <p>{@link #apply} and {@link #cancel} join the caller's transaction: the timer changes take effect
 * only if the caller's change to the job commits.
 */
@Singleton
@Startup
@DependsOn("CatalogStartup")
// No state of its own (the TimerService is thread-safe): READ for every method, so that an update holding a job's
// row lock while it re-creates the timer never waits on a tick that waits for that row lock.
@Lock(LockType.READ)
public class IngestionSchedules {
    private static final Logger LOG = Logger.getLogger(IngestionSchedules.class.getName());

    @Resource
    TimerService timerService;

    @EJB
    IngestionJobService jobs;

    @PostConstruct
    void start() {
        int timers = timerService.getTimers().size();
        LOG.info(() -> timers + " scheduled ingestion job timer(s) kept by the server");
    }

    /**
     * Replaces the job's timer with one for the schedule; the expression is checked first, so an
     * invalid one leaves the current timer in place.
     */
    public void apply(UUID jobId, ScheduleKind kind, String expression) throws InvalidInputException {
        ScheduleExpressions.validate(kind, expression);
        cancel(jobId);
        TimerConfig config = new TimerConfig(jobId.toString(), true);
        switch (kind) {
            case INTERVAL -> {
                long period = ScheduleExpressions.interval(expression).toMillis();
                timerService.createIntervalTimer(period, period, config);
            }
            case CRON -> timerService.createCalendarTimer(ScheduleExpressions.calendar(expression), config);
            case MANUAL, REALTIME -> {
                return;
            }
        }
        LOG.info(() -> "Ingestion job " + jobId + " scheduled " + kind + " " + expression.trim());
    }

    /** Removes the job's timer, if it has one. */
    public void cancel(UUID jobId) {
        for (Timer timer : timersOf(jobId)) {
            try {
                timer.cancel();
                LOG.info(() -> "Ingestion job " + jobId + " unscheduled");
            } catch (NoSuchObjectLocalException gone) {
                // Cancelled meanwhile: nothing left to do.
            }
        }
    }

    /** When the job's timer fires next; empty when the job has no timer. */
    public Optional<Instant> nextRun(UUID jobId) {
        for (Timer timer : timersOf(jobId)) {
            try {
                return Optional.of(timer.getNextTimeout().toInstant());
            } catch (NoSuchObjectLocalException | NoMoreTimeoutsException gone) {
                // Cancelled or finished meanwhile: look at the next one, if any.
            }
        }
        return Optional.empty();
    }

    /**
     * Starts a run of the job. Without a transaction of its own: the service's {@code start} has its
     * own, and a failed start must not roll back and redeliver the timeout.
     */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void fire(Timer timer) {
        UUID jobId = UUID.fromString((String) timer.getInfo());
        try {
            JobRun run = jobs.startScheduled(jobId);
            LOG.info(() -> "Scheduled run of ingestion job " + jobId + " started: execution " + run.executionId());
        } catch (JobStateException stillRunning) {
            LOG.info(() -> "Scheduled run of ingestion job " + jobId + " skipped: " + stillRunning.getMessage());
        } catch (UnknownIngestionJobException deleted) {
            LOG.info(() -> "Ingestion job " + jobId + " no longer exists; its schedule is cancelled");
            timer.cancel();
        } catch (EJBException e) {
            LOG.log(
                    Level.WARNING,
                    e,
                    () -> "Scheduled run of ingestion job " + jobId
                            + " failed to start; the next one is due at its usual time");
        }
    }

    private List<Timer> timersOf(UUID jobId) {
        String info = jobId.toString();
        return timerService.getTimers().stream()
                .filter(t -> info.equals(infoOf(t)))
                .toList();
    }

    private static Object infoOf(Timer timer) {
        try {
            return timer.getInfo();
        } catch (NoSuchObjectLocalException gone) {
            return null;
        }
    }
}
