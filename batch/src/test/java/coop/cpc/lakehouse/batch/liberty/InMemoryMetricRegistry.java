package coop.cpc.lakehouse.batch.liberty;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Snapshot;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The part of a MicroProfile application registry the bridge uses (get-or-create counters and timers,
 * gauges, removal), kept in a map; any other call fails the test.
 */
final class InMemoryMetricRegistry {
    final Map<MetricID, Object> metrics = new ConcurrentHashMap<>();
    final MetricRegistry registry = (MetricRegistry) Proxy.newProxyInstance(
            MetricRegistry.class.getClassLoader(), new Class<?>[] {MetricRegistry.class}, (proxy, method, args) -> {
                String signature = method.getName() + method.getParameterCount();
                return switch (signature) {
                    case "counter2" -> metrics.computeIfAbsent(id(args[0], args[1]), id -> new CountingCounter());
                    case "timer2" -> metrics.computeIfAbsent(id(args[0], args[1]), id -> new RecordingTimer());
                    case "gauge4" -> {
                        MetricID id = id(args[0], args[3]);
                        if (metrics.containsKey(id)) {
                            throw new IllegalArgumentException("gauge " + id + " registered twice");
                        }
                        Gauge<?> gauge = readingGauge(args[1], args[2]);
                        metrics.put(id, gauge);
                        yield gauge;
                    }
                    case "remove1" -> metrics.remove((MetricID) args[0]) != null;
                    default -> throw new UnsupportedOperationException(method.toString());
                };
            });

    long count(String name, Tag... tags) {
        return ((CountingCounter) metrics.get(new MetricID(name, tags))).getCount();
    }

    RecordingTimer timer(String name, Tag... tags) {
        return (RecordingTimer) metrics.get(new MetricID(name, tags));
    }

    double gauge(String name, Tag... tags) {
        return ((Gauge<?>) metrics.get(new MetricID(name, tags))).getValue().doubleValue();
    }

    private static MetricID id(Object name, Object tags) {
        return new MetricID((String) name, (Tag[]) tags);
    }

    @SuppressWarnings("unchecked")
    private static Gauge<?> readingGauge(Object object, Object function) {
        Function<Object, Number> value = (Function<Object, Number>) function;
        return () -> value.apply(object);
    }

    static final class CountingCounter implements Counter {
        private long count;

        @Override
        public synchronized void inc() {
            inc(1);
        }

        @Override
        public synchronized void inc(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("a MicroProfile counter only goes up: " + n);
            }
            count += n;
        }

        @Override
        public synchronized long getCount() {
            return count;
        }
    }

    static final class RecordingTimer implements Timer {
        private long count;
        private Duration elapsed = Duration.ZERO;

        @Override
        public synchronized void update(Duration duration) {
            count++;
            elapsed = elapsed.plus(duration);
        }

        @Override
        public synchronized Duration getElapsedTime() {
            return elapsed;
        }

        @Override
        public synchronized long getCount() {
            return count;
        }

        @Override
        public <T> T time(Callable<T> event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void time(Runnable event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Context time() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Snapshot getSnapshot() {
            throw new UnsupportedOperationException();
        }
    }
}
