package coop.cpc.lakehouse.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of the processes a benchmark run itself started, read from Linux's {@code /proc}: the test JVM, the
 * WildFly JVM Arquillian started from it (with its threads grouped by name), the source PostgreSQL (its walsenders
 * apart) and the catalog PostgreSQL, each found by the {@code postmaster.pid} of its data folder. CPU seconds, unlike
 * wall time, say what each side spends however loaded the machine is. Processes of other servers on the machine are
 * only read when they are these.
 */
final class BenchmarkCpu {
    /** {@code getconf CLK_TCK} on Linux: the unit of the times in {@code /proc/<pid>/stat}. */
    private static final double TICKS_PER_SECOND = 100.0;

    private static final int THREADS_SHOWN = 16;

    private final long testJvm;
    private final Optional<Long> wildFly;
    private final long sourcePostmaster;
    private final long catalogPostmaster;

    private BenchmarkCpu(long testJvm, Optional<Long> wildFly, long sourcePostmaster, long catalogPostmaster) {
        this.testJvm = testJvm;
        this.wildFly = wildFly;
        this.sourcePostmaster = sourcePostmaster;
        this.catalogPostmaster = catalogPostmaster;
    }

    /** The processes of this run, or empty where there is no {@code /proc} to read them from. */
    static Optional<BenchmarkCpu> of(Path sourceData, Path catalogData) {
        if (!Files.isDirectory(Path.of("/proc/self/task"))) {
            return Optional.empty();
        }
        ProcessHandle self = ProcessHandle.current();
        // Arquillian's managed container starts WildFly from this JVM: jboss-modules is its main jar.
        Optional<Long> wildFly = self.descendants()
                .filter(p -> p.info()
                        .commandLine()
                        .filter(line -> line.contains("jboss-modules"))
                        .isPresent())
                .map(ProcessHandle::pid)
                .findFirst();
        return Optional.of(
                new BenchmarkCpu(self.pid(), wildFly, postmasterPid(sourceData), postmasterPid(catalogData)));
    }

    private static long postmasterPid(Path data) {
        try {
            return Long.parseLong(
                    Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the postmaster.pid of " + data, e);
        }
    }

    /**
     * Waits until the server and the catalog rest (together at most a tenth of a core over one second), at most
     * {@code timeout}, and prints how long that took: work the server still does after a phase (a compaction the
     * stream's change segments started) must not run into the next phase, where it would slow the other side.
     */
    void awaitServerQuiet(String before, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long used = serverTicks();
            Thread.sleep(1_000);
            if (serverTicks() - used <= TICKS_PER_SECOND / 10) {
                System.out.printf(
                        Locale.ROOT,
                        "QUIET before %s: the server rested after %.1f s%n",
                        before,
                        (System.nanoTime() - start) / 1e9);
                return;
            }
        }
        System.out.printf(Locale.ROOT, "QUIET before %s: the server was still busy after %s%n", before, timeout);
    }

    private long serverTicks() {
        long catalog = processTicks(catalogPostmaster) + reapedChildrenTicks(catalogPostmaster);
        for (long child : childrenOf(catalogPostmaster)) {
            catalog += processTicks(child);
        }
        return wildFly.map(BenchmarkCpu::processTicks).orElse(0L) + catalog;
    }

    /** What the processes have used so far, with the machine's busy time and its load. */
    Reading read() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        ticks.put("test_jvm", processTicks(testJvm));
        ticks.put("wildfly", wildFly.map(BenchmarkCpu::processTicks).orElse(0L));
        long walsenders = 0;
        long sourceRest = processTicks(sourcePostmaster) + reapedChildrenTicks(sourcePostmaster);
        for (long child : childrenOf(sourcePostmaster)) {
            long used = processTicks(child);
            if (commandLine(child).contains("walsender")) {
                walsenders += used;
            } else {
                sourceRest += used;
            }
        }
        ticks.put("source_walsender", walsenders);
        ticks.put("source_other", sourceRest);
        long catalog = processTicks(catalogPostmaster) + reapedChildrenTicks(catalogPostmaster);
        for (long child : childrenOf(catalogPostmaster)) {
            catalog += processTicks(child);
        }
        ticks.put("catalog_postgres", catalog);
        return new Reading(
                System.nanoTime(),
                ticks,
                threadTicks(testJvm),
                wildFly.map(BenchmarkCpu::threadTicks).orElse(Map.of()),
                taskTimes(testJvm),
                wildFly.map(BenchmarkCpu::taskTimes).orElse(Map.of()),
                machineBusyTicks(),
                uptimeSeconds(),
                loadAverage());
    }

    /**
     * Plain lines (no RATIO): each account's CPU seconds in the phase and per 1,000 changes, then the busiest threads
     * of each JVM by name.
     */
    static List<String> report(String phase, long changes, Reading before, Reading after) {
        double perThousand = 1000.0 / changes;
        StringBuilder accounts = new StringBuilder();
        long ours = 0;
        for (Map.Entry<String, Long> account : after.ticks().entrySet()) {
            long used = account.getValue() - before.ticks().getOrDefault(account.getKey(), 0L);
            ours += used;
            accounts.append(String.format(
                    Locale.ROOT,
                    " %s=%.2fs(%.1fms/1k)",
                    account.getKey(),
                    used / TICKS_PER_SECOND,
                    used / TICKS_PER_SECOND * 1000 * perThousand));
        }
        double wall = (after.nanoTime() - before.nanoTime()) / 1e9;
        long machine = after.machineBusyTicks() - before.machineBusyTicks();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "CPU cdc.%s changes=%d wall=%.2fs load=%s..%s ours=%.2fs(%.1fms/1k) machine_busy=%.2fs%s",
                phase,
                changes,
                wall,
                before.loadAverage(),
                after.loadAverage(),
                ours / TICKS_PER_SECOND,
                ours / TICKS_PER_SECOND * 1000 * perThousand,
                machine / TICKS_PER_SECOND,
                accounts));
        lines.addAll(busiestThreads(phase, "test_jvm", before.testJvmThreads(), after.testJvmThreads()));
        lines.addAll(busiestThreads(phase, "wildfly", before.wildFlyThreads(), after.wildFlyThreads()));
        double from = before.uptimeSeconds();
        double to = after.uptimeSeconds();
        lines.addAll(threadWaits(phase, "test_jvm", from, to, before.testJvmTasks(), after.testJvmTasks()));
        lines.addAll(threadWaits(phase, "wildfly", from, to, before.wildFlyTasks(), after.wildFlyTasks()));
        return lines;
    }

    /**
     * Plain lines for the busiest threads of the phase (those started in it too, such as an engine's): the time each
     * ran, waited for a core (runnable, on the run queue) and spent off the CPU without wanting it (blocked: I/O, locks,
     * sleeping, waiting for work), which together make the time it lived in the phase ({@code alive}).
     *
     * @param from the phase's start, seconds since boot ({@code /proc/uptime})
     * @param to   the phase's end, seconds since boot
     */
    static List<String> threadWaits(
            String phase, String jvm, double from, double to, Map<Long, TaskTimes> before, Map<Long, TaskTimes> after) {
        TaskTimes none = new TaskTimes("", 0, 0, 0);
        return after.entrySet().stream()
                .map(e -> e.getValue().since(before.getOrDefault(e.getKey(), none)))
                .filter(t -> t.runNanos() > 0)
                .sorted(java.util.Comparator.comparingLong(TaskTimes::runNanos).reversed())
                .limit(THREADS_SHOWN)
                .map(t -> {
                    double alive = to - Math.max(from, t.startTicks() / TICKS_PER_SECOND);
                    return String.format(
                            Locale.ROOT,
                            "WAIT cdc.%s %s thread '%s' run=%.2fs runqueue=%.2fs blocked=%.2fs alive=%.2fs",
                            phase,
                            jvm,
                            t.name(),
                            t.runNanos() / 1e9,
                            t.queuedNanos() / 1e9,
                            Math.max(0, alive - (t.runNanos() + t.queuedNanos()) / 1e9),
                            alive);
                })
                .toList();
    }

    /**
     * A thread's name, its start ({@code stat}'s starttime, ticks since boot) and its times from
     * {@code /proc/<pid>/task/<tid>/schedstat}: on the CPU, and runnable waiting for a core.
     */
    record TaskTimes(String name, long startTicks, long runNanos, long queuedNanos) {
        TaskTimes since(TaskTimes earlier) {
            return new TaskTimes(name, startTicks, runNanos - earlier.runNanos, queuedNanos - earlier.queuedNanos);
        }

        /** The first two fields of a {@code schedstat} line: ns on the CPU, ns runnable on a run queue. */
        static TaskTimes parse(String name, long startTicks, String schedstat) {
            String[] fields = schedstat.trim().split("\\s+");
            if (fields.length < 2) {
                throw new IllegalArgumentException("not a /proc schedstat line: " + schedstat);
            }
            return new TaskTimes(name, startTicks, Long.parseLong(fields[0]), Long.parseLong(fields[1]));
        }
    }

    /** Each live thread's schedstat times by thread id (empty where the kernel keeps no schedstat). */
    private static Map<Long, TaskTimes> taskTimes(long pid) {
        Map<Long, TaskTimes> byTid = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    byTid.put(
                            Long.parseLong(task.getFileName().toString()),
                            TaskTimes.parse(
                                    Files.readString(task.resolve("comm")).trim(),
                                    // starttime: field 22 of the stat line, index 19 after the command name
                                    Long.parseLong(fieldsAfterCommand(Files.readString(task.resolve("stat")))[19]),
                                    Files.readString(task.resolve("schedstat"))));
                } catch (IOException ended) {
                    // The thread ended (or there is no schedstat): it did not live through the phase.
                }
            }
        } catch (NoSuchFileException e) {
            return byTid;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the threads of " + pid, e);
        }
        return byTid;
    }

    private static List<String> busiestThreads(
            String phase, String jvm, Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(THREADS_SHOWN)
                .map(e -> String.format(
                        Locale.ROOT,
                        "CPU cdc.%s %s thread '%s' %.2fs",
                        phase,
                        jvm,
                        e.getKey(),
                        e.getValue() / TICKS_PER_SECOND))
                .toList();
    }

    /** utime + stime of a live process (all its threads, live and ended), 0 once it has gone. */
    private static long processTicks(long pid) {
        return statTicks(Path.of("/proc", Long.toString(pid), "stat"), 11, 12);
    }

    /** cutime + cstime: what the process's ended and reaped children used (PostgreSQL's ended backends). */
    private static long reapedChildrenTicks(long pid) {
        return statTicks(Path.of("/proc", Long.toString(pid), "stat"), 13, 14);
    }

    /** Sum of two fields after the command name of a {@code stat} file (0-based after its closing parenthesis). */
    private static long statTicks(Path stat, int first, int second) {
        String[] fields = statFields(stat);
        return fields.length > second ? Long.parseLong(fields[first]) + Long.parseLong(fields[second]) : 0L;
    }

    private static String[] statFields(Path stat) {
        try {
            return fieldsAfterCommand(Files.readString(stat));
        } catch (NoSuchFileException e) {
            return new String[0];
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + stat, e);
        }
    }

    /**
     * The fields of a {@code stat} line after its command name, from the state on (index 0 the state, 1 the parent's
     * pid, 11 and 12 utime and stime). The name in parentheses may itself hold spaces and parentheses, so the fields
     * start after the line's last ')'.
     */
    static String[] fieldsAfterCommand(String statLine) {
        int end = statLine.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("not a /proc stat line (no command name in parentheses): " + statLine);
        }
        return statLine.substring(end + 1).trim().split(" ");
    }

    /** A thread's name with its numbers made one ({@code default task-12} and {@code default task-3} together). */
    static String threadGroup(String comm) {
        return comm.trim().replaceAll("[0-9]+", "N");
    }

    private static List<Long> childrenOf(long parent) {
        String wanted = Long.toString(parent);
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        String[] fields = statFields(p.resolve("stat"));
                        return fields.length > 1 && fields[1].equals(wanted);
                    })
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list /proc", e);
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** CPU ticks per thread name of a process, numbers in a name made one ({@code default task-12} → {@code N}). */
    private static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> byName = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String name;
                try {
                    name = threadGroup(Files.readString(task.resolve("comm")));
                } catch (IOException ended) {
                    continue;
                }
                byName.merge(name, statTicks(task.resolve("stat"), 11, 12), Long::sum);
            }
        } catch (NoSuchFileException e) {
            return byName;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the threads of " + pid, e);
        }
        return byName;
    }

    /** Busy ticks of all cores ({@code /proc/stat}'s first line less idle and iowait). */
    private static long machineBusyTicks() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] cpu = lines.findFirst().orElseThrow().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read /proc/stat", e);
        }
    }

    /** Seconds since boot ({@code /proc/uptime}), the clock of a thread's start time. */
    private static double uptimeSeconds() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read /proc/uptime", e);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** One reading of {@link #read()}: CPU ticks per account and per thread name. */
    record Reading(
            long nanoTime,
            Map<String, Long> ticks,
            Map<String, Long> testJvmThreads,
            Map<String, Long> wildFlyThreads,
            Map<Long, TaskTimes> testJvmTasks,
            Map<Long, TaskTimes> wildFlyTasks,
            long machineBusyTicks,
            double uptimeSeconds,
            String loadAverage) {}
}
