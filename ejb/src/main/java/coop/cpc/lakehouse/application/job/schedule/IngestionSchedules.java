package coop.cpc.lakehouse.application.job.schedule;

import coop.cpc.lakehouse.application.ClientText;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.job.IngestionJobService;
import coop.cpc.lakehouse.application.job.JobRun;
import coop.cpc.lakehouse.application.job.JobStateException;
import coop.cpc.lakehouse.application.job.MissedTick;
import coop.cpc.lakehouse.application.job.UnknownIngestionJobException;
import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.IngestionJobRepository;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import coop.cpc.lakehouse.ingest.http.SecretQueryParameters;
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
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs scheduled ingestion jobs with persistent EJB timers, one per job, whose info is the job id.
 * INTERVAL jobs get an interval timer whose first run is one period after {@link #apply}; CRON jobs a
 * calendar timer in UTC ({@link ScheduleExpressions}); MANUAL and REALTIME jobs none.
 *
 * <p>The timers are persistent: the server keeps them across restarts (WildFly in its own folder, {@code
 * standalone/data/timer-service-data}; Open Liberty in the catalog, tables {@code ejbtimer_*}). A new WildFly folder (a
 * fresh server, an upgrade into a new one, a restored backup) has none, so start-up compares them with the catalog
 * ({@link #start}). {@link #apply} is idempotent (cancel, then create), so calling it again with a job's stored
 * schedule repairs its timer.
 *
 * <p>{@link #apply} and {@link #cancel} join the caller's transaction: the timer changes take effect
 * only if the caller's change to the job commits.
 *
 * <p>A tick that starts no run (skipped, or failed to start) is kept in memory as the job's last {@link MissedTick}
 * until a run of it starts or its timer goes ({@link #missedTicks}): the job's {@code lastMissedTick} in GraphQL.
 */
@Singleton
@Startup
@DependsOn("CatalogStartup")
// No state of its own but the thread-safe TimerService and the missed ticks (a concurrent map): READ for every
// method, so that an update holding a job's row lock while it re-creates the timer never waits on a tick that waits
// for that row lock.
@Lock(LockType.READ)
public class IngestionSchedules {
    private static final Logger LOG = Logger.getLogger(IngestionSchedules.class.getName());

    @Resource
    TimerService timerService;

    @EJB
    IngestionJobService jobs;

    /** The last tick of each job that started no run, while no run has started since: a repeat is logged at FINE. */
    private final MissedTicks missed = new MissedTicks();

    /** The catalog's jobs, read at start-up without the service's audit (nobody asked). */
    @Inject
    IngestionJobRepository storedJobs;

    /**
     * Gives every INTERVAL and CRON job of the catalog exactly one timer: a job the server kept one for keeps it (its
     * period goes on), a job with none (or two) gets a new one whose first tick becomes its {@code nextRunAt}, and a
     * timer whose job is gone or no longer scheduled is cancelled. Run again, it changes nothing.
     */
    @PostConstruct
    void start() {
        Map<String, List<Timer>> kept = new HashMap<>();
        for (Timer timer : timerService.getTimers()) {
            if (infoOf(timer) instanceof String jobId) {
                kept.computeIfAbsent(jobId, id -> new ArrayList<>()).add(timer);
            }
        }
        int timers = kept.values().stream().mapToInt(List::size).sum();
        int recreated = 0;
        for (ScheduleKind kind : List.of(ScheduleKind.INTERVAL, ScheduleKind.CRON)) {
            for (IngestionJob job : storedJobs.findBySchedule(kind)) {
                List<Timer> own = kept.remove(job.getId().toString());
                if ((own == null || own.size() != 1) && recreate(job)) {
                    recreated++;
                }
            }
        }
        int removed = 0;
        for (List<Timer> orphans : kept.values()) {
            for (Timer orphan : orphans) {
                cancelQuietly(orphan);
                removed++;
            }
        }
        int created = recreated;
        int cancelled = removed;
        LOG.info(() -> timers + " scheduled ingestion job timer(s) found on the server; " + created
                + " re-created for scheduled jobs without one (a new timer store: a new server folder, a restored"
                + " backup) or with two, " + cancelled + " cancelled for jobs gone or no longer scheduled");
    }

    /** A new timer for the job's stored schedule; false when this build refuses that schedule (logged). */
    private boolean recreate(IngestionJob job) {
        try {
            apply(job.getId(), job.getSchedule(), job.getScheduleExpression());
            storedJobs.recordNextRun(
                    job.getId(),
                    ScheduleExpressions.nextRun(job.getSchedule(), job.getScheduleExpression(), CatalogTime.now()));
            return true;
        } catch (InvalidInputException refused) {
            // The timers a restored store kept for it (two, or one beside a new one) would go on firing.
            cancel(job.getId());
            LOG.warning(() -> "Ingestion job " + job.getName() + " (" + job.getId() + ") has no timer and its stored "
                    + "schedule is refused (" + refused.getMessage() + "): it will not run on a schedule until "
                    + "updateIngestionJob gives it a valid one");
            // Its nextRunAt would name a tick that never comes: the job shows none.
            storedJobs.recordNextRun(job.getId(), null);
            return false;
        }
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
        missed.clear(jobId);
        for (Timer timer : timersOf(jobId)) {
            if (cancelQuietly(timer)) {
                LOG.info(() -> "Ingestion job " + jobId + " unscheduled");
            }
        }
    }

    /** False when it was cancelled meanwhile: nothing left to do. */
    private static boolean cancelQuietly(Timer timer) {
        try {
            timer.cancel();
            return true;
        } catch (NoSuchObjectLocalException gone) {
            return false;
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
     * The last tick of each of these jobs that started no run, for those that have one: kept in this server's memory
     * (lost at its restart) until a run of the job starts or its schedule is cancelled or replaced.
     */
    public Map<UUID, MissedTick> missedTicks(Collection<UUID> jobIds) {
        return missed.of(jobIds);
    }

    /** A run of the job started (by hand, by its schedule, as a restart): its last missed tick is history. */
    public void runStarted(UUID jobId) {
        missed.clear(jobId);
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
            missed.clear(jobId);
        } catch (JobStateException refused) {
            // Running still, or without a target asset: said at INFO once while the reason stays, then at FINE.
            String reason = shown(refused.getMessage());
            boolean again = missed.record(jobId, new MissedTick(CatalogTime.now(), MissedTick.Outcome.SKIPPED, reason));
            LOG.log(
                    again ? Level.FINE : Level.INFO,
                    () -> "Scheduled run of ingestion job " + jobId + " skipped: " + reason);
        } catch (UnknownIngestionJobException deleted) {
            missed.clear(jobId);
            LOG.info(() -> "Ingestion job " + jobId + " no longer exists; its schedule is cancelled");
            timer.cancel();
        } catch (EJBException e) {
            // A job whose stored settings no longer start (an unreadable source definition): said at WARNING, with
            // the cause, once while it stays the same, then at FINE; not a stack trace at every tick, nor one whose
            // messages name a credential.
            String cause = shown(rootMessage(e));
            boolean again = missed.record(jobId, new MissedTick(CatalogTime.now(), MissedTick.Outcome.FAILED, cause));
            boolean traced = !again && !SecretQueryParameters.namedInMessages(e);
            LOG.log(
                    again ? Level.FINE : Level.WARNING,
                    traced ? e : null,
                    () -> "Scheduled run of ingestion job " + jobId + " failed to start: " + cause
                            + "; the next one is due at its usual time"
                            + (again || traced
                                    ? ""
                                    : " (its stack trace is not logged: its messages name a credential)"));
        }
    }

    /**
     * A reason as the log line and the job's missed tick say it: the credentials of URLs and of {@code name=value}
     * pairs masked (a stored source definition or a JDBC URL may hold one), without class names or server folders.
     */
    private static String shown(String message) {
        return ClientText.plain(SecretQueryParameters.maskedIn(message), ClientText.serverPaths());
    }

    /** The message of the innermost cause (the container's wrapper says only that the call failed). */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
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
