package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.observability.MeteredCdcStream;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One stream's engine on a managed thread: builds the Debezium engine, runs it, and when it ends
 * with an error (after Debezium's own retries of retriable errors), records the error and starts
 * it again after a bounded back-off (1 s doubling to 60 s) until asked to stop. Every start resumes
 * from the offset the catalog committed. An error the stream cannot get past by itself ({@link
 * StreamHaltingFailure}) is not retried: the stream stays FAILED until it is stopped (or restarted).
 */
final class StreamRunner implements MeteredCdcStream {
    static final long MIN_BACKOFF_MS = 1_000;
    static final long MAX_BACKOFF_MS = 60_000;
    static final long CLOSE_RETRY_MS = 100;
    private static final Logger LOG = Logger.getLogger(StreamRunner.class.getName());

    /** What the runner needs from its host for each start. */
    interface EngineFactory {
        /** @return the engine's properties (resolves the password; may refuse the source) */
        Properties properties() throws SourceEndpoint.RefusedException;

        DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> consumer(StreamMetrics metrics);

        void errorChanged(String error);

        /** The engine built with the last {@link #consumer} ended (stopped, failed or never started). */
        default void engineEnded() {}
    }

    final String name;
    final StreamMetrics metrics = new StreamMetrics();
    private final EngineFactory factory;
    private final Function<Runnable, Runnable> contextual;
    /** Moved under this object's lock; volatile for the metrics' reads, which take no lock. */
    private volatile CdcStreamState state = CdcStreamState.STOPPED;

    private volatile boolean stopRequested;
    /** A start that came while the engine was still stopping (guarded by this). */
    private boolean restartRequested;

    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile String lastError;
    private volatile Instant startedAt;
    private Thread thread;

    StreamRunner(String name, EngineFactory factory, Function<Runnable, Runnable> contextual) {
        this.name = name;
        this.factory = factory;
        this.contextual = contextual;
    }

    synchronized CdcStreamState state() {
        return state;
    }

    @Override
    public double lagMs() {
        return metrics.lagMs();
    }

    @Override
    public double lagP99Ms() {
        return metrics.lagQuantileMs(0.99);
    }

    @Override
    public boolean running() {
        return state == CdcStreamState.RUNNING;
    }

    @Override
    public boolean failed() {
        return state == CdcStreamState.FAILED;
    }

    @Override
    public double secondsSinceLastCommit() {
        return metrics.secondsSinceLastCommit();
    }

    String lastError() {
        return lastError;
    }

    private synchronized void move(CdcStreamState target) {
        state = state.moveTo(target);
    }

    /**
     * Starts the engine on a new thread. While an earlier stop is still waiting for its engine to close (it gave
     * up after its timeout), the start is remembered: the old thread starts the engine again once it has ended.
     */
    synchronized void start(ThreadFactory threads) {
        if (state == CdcStreamState.STOPPING) {
            restartRequested = true;
            return;
        }
        if (state != CdcStreamState.STOPPED) {
            return;
        }
        move(CdcStreamState.STARTING);
        stopRequested = false;
        thread = threads.newThread(contextual.apply(this::loop));
        thread.setName("lakehouse-cdc-" + name);
        thread.start();
    }

    private void loop() {
        do {
            runUntilStopped();
        } while (stoppedOrRestarted());
    }

    /** @return whether a start came while stopping: the runner is STARTING again, else STOPPED */
    private synchronized boolean stoppedOrRestarted() {
        if (state != CdcStreamState.STOPPING) {
            move(CdcStreamState.STOPPING);
        }
        move(CdcStreamState.STOPPED);
        notifyAll();
        if (!restartRequested) {
            return false;
        }
        restartRequested = false;
        stopRequested = false;
        move(CdcStreamState.STARTING);
        // The stop interrupted this thread to end the old engine; the new one must not see it.
        Thread.interrupted();
        LOG.info(() -> "CDC stream " + name + ": the old engine has ended; starting it again as asked");
        return true;
    }

    /** How an engine ended: the text for {@code lastError} (null: without error) and the error, if any. */
    private record Ending(String text, Throwable error) {}

    private void runUntilStopped() {
        long backoff = MIN_BACKOFF_MS;
        StreamFailureLog log = new StreamFailureLog(name);
        while (!stopRequested) {
            Ending ending = runOnce();
            if (stopRequested) {
                break;
            }
            lastError = ending.text() == null ? "the engine stopped by itself" : ending.text();
            factory.errorChanged(lastError);
            synchronized (this) {
                if (state == CdcStreamState.STARTING || state == CdcStreamState.RUNNING) {
                    move(CdcStreamState.FAILED);
                }
            }
            if (EngineFailureText.halts(ending.error())) {
                log.halted(lastError, ending.error());
                sleep(Long.MAX_VALUE);
                break;
            }
            long healthyFor = startedAt == null ? 0 : System.currentTimeMillis() - startedAt.toEpochMilli();
            if (healthyFor > MAX_BACKOFF_MS) {
                backoff = MIN_BACKOFF_MS;
                log.cleared();
            }
            log.retried(lastError, ending.error(), backoff);
            sleep(backoff);
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            synchronized (this) {
                if (stopRequested) {
                    break;
                }
                move(CdcStreamState.STARTING);
            }
        }
    }

    /** @return how the engine ended */
    private Ending runOnce() {
        String[] failure = new String[1];
        Throwable[] failedWith = new Throwable[1];
        try {
            Properties properties = factory.properties();
            DebeziumEngine<RecordChangeEvent<SourceRecord>> built = DebeziumEngine.create(
                            ChangeEventFormat.of(io.debezium.embedded.Connect.class))
                    .using(properties)
                    .using(StreamRunner.class.getClassLoader())
                    .notifying(factory.consumer(metrics))
                    .using((success, message, error) -> {
                        if (!success) {
                            failure[0] = EngineFailureText.of(error, message);
                            failedWith[0] = error;
                        }
                    })
                    .build();
            synchronized (this) {
                if (stopRequested) {
                    built.close();
                    return new Ending(null, null);
                }
                engine = built;
                move(CdcStreamState.RUNNING);
            }
            startedAt = Instant.now();
            if (lastError != null) {
                lastError = null;
                factory.errorChanged(null);
            }
            built.run();
            String text = failure[0] == null && !stopRequested ? "the engine stopped by itself" : failure[0];
            return new Ending(text, failedWith[0]);
        } catch (SourceEndpoint.RefusedException e) {
            return new Ending(e.getMessage(), null);
        } catch (IOException | RuntimeException e) {
            return new Ending(EngineFailureText.of(e, e.getClass().getSimpleName()), e);
        } finally {
            engine = null;
            try {
                factory.engineEnded();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "CDC stream " + name + ": cleaning up after its engine failed", e);
            }
        }
    }

    /** Stops the engine and waits for it (bounded); the slot and publication stay on the source. */
    void stop(long timeoutMs) {
        Thread running;
        synchronized (this) {
            if (state == CdcStreamState.STOPPED) {
                return;
            }
            stopRequested = true;
            restartRequested = false;
            if (state != CdcStreamState.STOPPING) {
                move(CdcStreamState.STOPPING);
            }
            running = thread;
            notifyAll();
        }
        DebeziumEngine<RecordChangeEvent<SourceRecord>> current = engine;
        if (current != null && !close(current, timeoutMs)) {
            LOG.warning(() -> "CDC stream " + name + ": the engine did not close; its thread is interrupted");
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(timeoutMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Closes the engine. Debezium's async engine refuses to close while its tasks are starting
     * ({@link IllegalStateException}): asked again every {@link #CLOSE_RETRY_MS} until {@code timeoutMs}.
     *
     * @return whether the engine closed
     */
    static boolean close(Closeable engine, long timeoutMs) {
        long until = System.currentTimeMillis() + timeoutMs;
        while (true) {
            try {
                engine.close();
                return true;
            } catch (IOException e) {
                LOG.warning(() -> "Closing a CDC engine failed: " + e.getMessage());
                return false;
            } catch (IllegalStateException starting) {
                if (System.currentTimeMillis() >= until) {
                    LOG.warning(() -> "Closing a CDC engine failed: " + starting.getMessage());
                    return false;
                }
                try {
                    Thread.sleep(CLOSE_RETRY_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /** Waits {@code ms} (Long.MAX_VALUE: for ever) or until a stop is requested. */
    private void sleep(long ms) {
        long until = ms == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + ms;
        synchronized (this) {
            while (!stopRequested && System.currentTimeMillis() < until) {
                try {
                    wait(Math.max(1, until - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    if (stopRequested) {
                        return;
                    }
                }
            }
        }
    }
}
