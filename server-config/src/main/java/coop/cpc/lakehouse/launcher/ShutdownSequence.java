package coop.cpc.lakehouse.launcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops what the launcher started, in the reverse order of starting (WildFly before the database
 * it uses), exactly once, whichever way the launcher ends: SIGTERM, SIGINT, SIGHUP (the JVM runs
 * shutdown hooks for them), a failed start ({@code System.exit}) or the end of {@code main}.
 *
 * <p>A start in progress when the stop begins is waited for, so its process is registered and
 * stopped too instead of outliving the launcher; a start asked for after the stop began is refused.
 */
final class ShutdownSequence {
    /** How long a stop waits for starts in progress (a first PostgreSQL start runs initdb). */
    private static final long START_WAIT_MILLIS = TimeUnit.MINUTES.toMillis(2);

    /** Starts something that must be stopped later. */
    @FunctionalInterface
    interface Start<T> {
        T start() throws Exception;
    }

    /** Stops what a {@link Start} returned. */
    @FunctionalInterface
    interface Stop<T> {
        void stop(T started) throws Exception;
    }

    private record Step(int order, String name, Stop<Object> stop, Object started) {}

    private final PrintStream console;
    private final List<Step> steps = new ArrayList<>();
    private int nextOrder;
    private int startsInProgress;
    private boolean stopping;
    /** True once {@link #stopAll()} has taken the steps to stop. */
    private boolean drained;

    ShutdownSequence(PrintStream console) {
        this.console = console;
    }

    /** Runs {@link #stopAll()} when the JVM shuts down (signals, {@code System.exit}). */
    ShutdownSequence installHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "lakehouse-stop"));
        return this;
    }

    /**
     * Runs {@code start} and registers {@code stop} for what it returned; the stops of things
     * started later run earlier, whichever start finishes first (starts may run in parallel).
     *
     * @throws IllegalStateException when the launcher is already stopping
     */
    @SuppressWarnings("unchecked")
    <T> T start(String name, Start<T> start, Stop<? super T> stop) throws Exception {
        int order;
        synchronized (this) {
            if (stopping) {
                throw new IllegalStateException("The lakehouse is stopping: " + name + " is not started");
            }
            order = nextOrder++;
            startsInProgress++;
        }
        T started = null;
        boolean stopNow = false;
        try {
            started = start.start();
            return started;
        } finally {
            synchronized (this) {
                if (started != null) {
                    // A stop that gave up waiting for this start has run already: stop it here.
                    stopNow = drained;
                    if (!drained) {
                        steps.add(new Step(order, name, (Stop<Object>) stop, started));
                    }
                }
                startsInProgress--;
                notifyAll();
            }
            if (stopNow) {
                ((Stop<Object>) stop).stop(started);
            }
        }
    }

    synchronized int startsInProgress() {
        return startsInProgress;
    }

    synchronized boolean isStopping() {
        return stopping;
    }

    /** Stops everything registered, newest first; a failing stop is reported and the others still run. */
    void stopAll() {
        List<Step> toStop;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            long deadline = System.currentTimeMillis() + START_WAIT_MILLIS;
            while (startsInProgress > 0 && System.currentTimeMillis() < deadline) {
                try {
                    wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            toStop = new ArrayList<>(steps);
            steps.clear();
            drained = true;
        }
        if (toStop.isEmpty()) {
            return;
        }
        toStop.sort(Comparator.comparingInt(Step::order).reversed());
        console.println("Stopping the lakehouse...");
        for (Step step : toStop) {
            try {
                step.stop().stop(step.started());
            } catch (Exception e) {
                console.println("Stopping " + step.name() + " failed: " + e.getMessage());
            }
        }
        console.println("Stopped.");
    }
}
