package coop.cpc.lakehouse.application.job.schedule;

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
 * A TimerService that keeps its timers in a list, as a server keeps them in its timer store; {@link #forget} empties
 * it, as a new server folder does. Only what {@link IngestionSchedules} calls is supported.
 */
final class FakeTimerService implements TimerService {
    final List<FakeTimer> timers = new ArrayList<>();

    /** A server whose timer store is new: every timer is gone. */
    void forget() {
        timers.clear();
    }

    /** One line per live timer: its info, then "every N ms" or "calendar minute hour". */
    List<String> described() {
        return timers.stream().map(FakeTimer::toString).toList();
    }

    @Override
    public Timer createIntervalTimer(long initialDuration, long intervalDuration, TimerConfig config) {
        return add(
                new FakeTimer(config, intervalDuration, null, new Date(System.currentTimeMillis() + initialDuration)));
    }

    @Override
    public Timer createCalendarTimer(ScheduleExpression schedule, TimerConfig config) {
        // The next timeout is not computed from the schedule: a fixed hour ahead is enough for these tests.
        return add(new FakeTimer(config, 0, schedule, new Date(System.currentTimeMillis() + 3_600_000)));
    }

    @Override
    public Collection<Timer> getTimers() {
        return List.copyOf(timers);
    }

    @Override
    public Collection<Timer> getAllTimers() {
        return getTimers();
    }

    private FakeTimer add(FakeTimer timer) {
        timers.add(timer);
        return timer;
    }

    @Override
    public Timer createTimer(long duration, Serializable info) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Timer createTimer(long initialDuration, long intervalDuration, Serializable info) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Timer createTimer(Date expiration, Serializable info) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Timer createTimer(Date initialExpiration, long intervalDuration, Serializable info) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Timer createSingleActionTimer(long duration, TimerConfig config) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Timer createSingleActionTimer(Date expiration, TimerConfig config) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Timer createIntervalTimer(Date initialExpiration, long intervalDuration, TimerConfig config) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Timer createCalendarTimer(ScheduleExpression schedule) {
        throw new UnsupportedOperationException();
    }

    final class FakeTimer implements Timer {
        private final TimerConfig config;
        private final long intervalMillis;
        private final ScheduleExpression schedule;
        private final Date next;

        FakeTimer(TimerConfig config, long intervalMillis, ScheduleExpression schedule, Date next) {
            this.config = config;
            this.intervalMillis = intervalMillis;
            this.schedule = schedule;
            this.next = next;
        }

        @Override
        public void cancel() {
            if (!timers.remove(this)) {
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
