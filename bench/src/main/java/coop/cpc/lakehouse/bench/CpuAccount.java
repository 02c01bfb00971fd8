package coop.cpc.lakehouse.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where the CPU of one timed run went, to tell a path bound by its own work from one that waits: CPU of the
 * calling (reading) thread, CPU of the whole process (the segment-writer and encoder threads are the rest),
 * and the idle time of each core over the run (Linux {@code /proc/stat}: idle + iowait; time a core spent on
 * other processes of a shared machine is not idle). Process CPU comes from the JVM's
 * {@code com.sun.management.OperatingSystemMXBean}; where that or {@code /proc/stat} is missing the figure is -1.
 */
final class CpuAccount {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** USER_HZ of /proc/stat: 100 on every Linux this runs on. */
    private static final double SECONDS_PER_TICK = 0.01;

    private final long wall0 = System.nanoTime();
    private final long thread0 = THREADS.getCurrentThreadCpuTime();
    private final long process0 = processCpuNanos();
    private final long[] idle0 = coreIdleTicks();
    private double wall;
    private double reader;
    private double process;
    private double[] idle;

    /** Ends the run's account; call from the thread that started it. */
    CpuAccount stop() {
        wall = (System.nanoTime() - wall0) / 1e9;
        reader = (THREADS.getCurrentThreadCpuTime() - thread0) / 1e9;
        long p = processCpuNanos();
        process = p < 0 || process0 < 0 ? -1 : (p - process0) / 1e9;
        long[] idle1 = coreIdleTicks();
        idle = new double[idle0.length == idle1.length ? idle0.length : 0];
        for (int i = 0; i < idle.length; i++) {
            idle[i] = (idle1[i] - idle0[i]) * SECONDS_PER_TICK;
        }
        return this;
    }

    /** "reader 0.19 s, other threads 0.71 s (process 0.90 s over 1.02 s wall), cores idle 0.05 / 0.31 s". */
    String line() {
        StringBuilder idleText = new StringBuilder();
        for (int i = 0; i < idle.length; i++) {
            idleText.append(i == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2f", idle[i]));
        }
        return String.format(
                Locale.ROOT,
                "reader thread %.2f s, other threads %.2f s (process %.2f s CPU over %.2f s wall), cores idle %s s",
                reader,
                process < 0 ? -1 : process - reader,
                process,
                wall,
                idle.length == 0 ? "unknown" : idleText);
    }

    /** The run of the median wall time (an even count: the lower middle one). */
    static CpuAccount medianRun(List<CpuAccount> runs) {
        List<CpuAccount> sorted =
                runs.stream().sorted((a, b) -> Double.compare(a.wall, b.wall)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Idle + iowait ticks of each core (cpu0, cpu1, ...), or an empty array without /proc/stat. */
    private static long[] coreIdleTicks() {
        try {
            List<String> cores = Files.readAllLines(Path.of("/proc/stat")).stream()
                    .filter(l -> l.matches("cpu\\d+ .*"))
                    .toList();
            long[] idle = new long[cores.size()];
            for (int i = 0; i < idle.length; i++) {
                String[] f = cores.get(i).trim().split("\\s+");
                idle[i] = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            }
            return idle;
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }
}
