package coop.cpc.lakehouse.batch.liberty;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.cumulative.CumulativeCounter;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.internal.DefaultGauge;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * A Micrometer registry whose counters, timers and gauges are also MicroProfile metrics of the same
 * name and tags in the application's {@link MetricRegistry}, which Open Liberty's {@code mpMetrics-5.1}
 * feature exports beside its own at {@code /metrics} (Prometheus text). Liberty keeps its Micrometer
 * inside the feature (no {@code io.micrometer} API package), so an application's meters cannot join
 * that registry directly; the MicroProfile API is the way in. Liberty's Micrometer then names them as
 * WildFly's does ({@code lakehouse.ingested.rows} → {@code lakehouse_ingested_rows_total}), with the
 * label {@code mp_scope="application"} added. The Micrometer meters keep their values too, for the code
 * that reads them. Function counters and timers, long task timers, distribution summaries and custom
 * meters stay in memory only (our metrics use none): a WARNING names any that is registered.
 */
public class MicroProfileMetricsMeterRegistry extends SimpleMeterRegistry {
    private static final Logger LOG = Logger.getLogger(MicroProfileMetricsMeterRegistry.class.getName());

    private final MetricRegistry exported;
    private final Set<Meter.Id> refused = ConcurrentHashMap.newKeySet();

    public MicroProfileMetricsMeterRegistry(MetricRegistry exported) {
        super(SimpleConfig.DEFAULT, Clock.SYSTEM);
        this.exported = exported;
        config().onMeterAdded(meter -> {
            if (!(meter instanceof Exported) && !refused.contains(meter.getId())) {
                LOG.warning(() -> "The meter " + meter.getId().getName() + " ("
                        + meter.getId().getType()
                        + ") is not exported at /metrics on Open Liberty: only counters, timers and gauges are");
            }
        });
        config().onMeterRemoved(meter -> {
            refused.remove(meter.getId());
            if (meter instanceof Exported) {
                exported.remove(metricId(meter.getId()));
            }
        });
    }

    @Override
    protected Counter newCounter(Meter.Id id) {
        org.eclipse.microprofile.metrics.Counter twin = twin(id, () -> exported.counter(id.getName(), tags(id)));
        return twin == null ? super.newCounter(id) : new ExportedCounter(id, twin);
    }

    @Override
    protected Timer newTimer(
            Meter.Id id, DistributionStatisticConfig distributionStatisticConfig, PauseDetector pauseDetector) {
        DistributionStatisticConfig merged = distributionStatisticConfig.merge(DistributionStatisticConfig.builder()
                .expiry(SimpleConfig.DEFAULT.step())
                .build());
        org.eclipse.microprofile.metrics.Timer twin = twin(id, () -> exported.timer(id.getName(), tags(id)));
        return twin == null
                ? super.newTimer(id, distributionStatisticConfig, pauseDetector)
                : new ExportedTimer(id, clock, merged, pauseDetector, getBaseTimeUnit(), twin);
    }

    @Override
    protected <T> Gauge newGauge(Meter.Id id, T obj, ToDoubleFunction<T> valueFunction) {
        ExportedGauge<T> gauge = new ExportedGauge<>(id, obj, valueFunction);
        // Read through the Micrometer gauge: it holds its object weakly, as on WildFly.
        Object twin = twin(id, () -> exported.gauge(id.getName(), gauge, ExportedGauge::value, tags(id)));
        return twin == null ? super.newGauge(id, obj, valueFunction) : gauge;
    }

    /**
     * Registers the MicroProfile twin of a meter, or gives null when Liberty refuses it (a name registered
     * before with other tag keys or as another type, a reserved tag key such as mp_scope): a metric must
     * never fail the code that records it (a run's commit), so the meter then counts in memory only.
     */
    private <M> M twin(Meter.Id id, Supplier<M> registration) {
        try {
            return registration.get();
        } catch (RuntimeException e) {
            refused.add(id);
            LOG.log(
                    Level.WARNING,
                    e,
                    () -> "Open Liberty's metric registry refused the meter " + id.getName() + " " + id.getTags() + " ("
                            + id.getType() + "): it is kept in memory but not exported at /metrics");
            return null;
        }
    }

    private static MetricID metricId(Meter.Id id) {
        return new MetricID(id.getName(), tags(id));
    }

    private static Tag[] tags(Meter.Id id) {
        return id.getTags().stream()
                .map(tag -> new Tag(tag.getKey(), tag.getValue()))
                .toArray(Tag[]::new);
    }

    /** A meter that has a MicroProfile twin. */
    private interface Exported {}

    /**
     * A counter that adds whole units to its MicroProfile counter (which counts in longs); a fraction
     * waits until the increments that follow complete a unit. MicroProfile counters only go up.
     */
    static final class ExportedCounter extends CumulativeCounter implements Exported {
        private final org.eclipse.microprofile.metrics.Counter twin;
        private double total;
        private long exportedTotal;

        ExportedCounter(Meter.Id id, org.eclipse.microprofile.metrics.Counter twin) {
            super(id);
            this.twin = twin;
        }

        @Override
        public void increment(double amount) {
            super.increment(amount);
            long whole;
            synchronized (this) {
                total += amount;
                long floor = (long) Math.floor(total);
                whole = floor - exportedTotal;
                if (whole > 0) {
                    exportedTotal = floor;
                }
            }
            if (whole > 0) {
                twin.inc(whole);
            }
        }
    }

    /** A timer whose every recording also updates its MicroProfile timer. */
    static final class ExportedTimer extends CumulativeTimer implements Exported {
        private final org.eclipse.microprofile.metrics.Timer twin;

        ExportedTimer(
                Meter.Id id,
                Clock clock,
                DistributionStatisticConfig distributionStatisticConfig,
                PauseDetector pauseDetector,
                TimeUnit baseTimeUnit,
                org.eclipse.microprofile.metrics.Timer twin) {
            super(id, clock, distributionStatisticConfig, pauseDetector, baseTimeUnit, false);
            this.twin = twin;
        }

        @Override
        protected void recordNonNegative(long amount, TimeUnit unit) {
            super.recordNonNegative(amount, unit);
            twin.update(Duration.ofNanos(unit.toNanos(amount)));
        }
    }

    /** A gauge that its MicroProfile gauge reads. */
    static final class ExportedGauge<T> extends DefaultGauge<T> implements Exported {
        ExportedGauge(Meter.Id id, T obj, ToDoubleFunction<T> value) {
            super(id, obj, value);
        }
    }
}
