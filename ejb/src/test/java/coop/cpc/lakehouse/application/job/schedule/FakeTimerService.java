package coop.cpc.lakehouse.application.job.schedule;

import coop.cpc.lakehouse.application.testing.PartialFake;
import jakarta.ejb.NoSuchObjectLocalException;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerHandle;
import jakarta.ejb.TimerService;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * A TimerService ({@link #service()}) that keeps its timers in a list, as a server keeps them in its timer store;
 * {@link #forget} empties it, as a new server folder does. It answers only what {@link IngestionSchedules} calls
 * (the methods below of the TimerService's names); any other call throws {@link UnsupportedOperationException}.
 */
final class FakeTimerService {
    final List<FakeTimer> timers = new ArrayList<>();

    /** The service to hand to the code under test. */
    TimerService service() {
        return PartialFake.of(TimerService.class, this);
    }

    /** A server whose timer store is new: every timer is gone. */
    void forget() {
        timers.clear();
    }

    /** One line per live timer: its info, then "every N ms" or "calendar minute hour". */
    List<String> described() {
        return timers.stream().map(FakeTimer::toString).toList();
    }

    /** {@link TimerService#createIntervalTimer(long, long, TimerConfig)} */
    Timer createIntervalTimer(long initialDuration, long intervalDuration, TimerConfig config) {
        return add(new FakeTimer(
                this, config, intervalDuration, null, new Date(System.currentTimeMillis() + initialDuration)));
    }

    /** {@link TimerService#createCalendarTimer(ScheduleExpression, TimerConfig)} */
    Timer createCalendarTimer(ScheduleExpression schedule, TimerConfig config) {
        // The next timeout is not computed from the schedule: a fixed hour ahead is enough for these tests.
        return add(new FakeTimer(this, config, 0, schedule, new Date(System.currentTimeMillis() + 3_600_000)));
    }

    /** {@link TimerService#getTimers()} */
    Collection<Timer> getTimers() {
        return List.copyOf(timers);
    }

    private FakeTimer add(FakeTimer timer) {
        timers.add(timer);
        return timer;
    }

    /** A timer of {@code service}: an interval timer when {@code schedule} is null, else a calendar timer. */
    record FakeTimer(
            FakeTimerService service, TimerConfig config, long intervalMillis, ScheduleExpression schedule, Date next)
            implements Timer {

        @Override
        public void cancel() {
            if (!service.timers.removeIf(timer -> timer == this)) {
                throw new NoSuchObjectLocalException("cancelled already");
            }
        }

        @Override
        public long getTimeRemaining() {
            return next.getTime() - System.currentTimeMillis();
        }

        @Override
        public Date getNextTimeout() {
            return next;
        }

        @Override
        public ScheduleExpression getSchedule() {
            return schedule;
        }

        @Override
        public boolean isPersistent() {
            return config.isPersistent();
        }

        @Override
        public boolean isCalendarTimer() {
            return schedule != null;
        }

        @Override
        public Serializable getInfo() {
            return config.getInfo();
        }

        @Override
        public TimerHandle getHandle() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String toString() {
            return getInfo()
                    + (schedule == null
                            ? " every " + intervalMillis + " ms"
                            : " calendar " + schedule.getMinute() + " " + schedule.getHour());
        }
    }
}
