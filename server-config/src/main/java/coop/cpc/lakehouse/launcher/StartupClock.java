package coop.cpc.lakehouse.launcher;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measures the start for the "lakehouse ready in N.N s" line: from the moment bin/lakehouse began
 * (it passes that time, so the build check counts), else from the launcher JVM's start.
 */
final class StartupClock {
    /** Epoch milliseconds at which bin/lakehouse started. */
    static final String STARTED_AT_VARIABLE = "LAKEHOUSE_STARTED_AT_MS";
    /** A passed start time older than this is not the start of this run (a variable left in a shell). */
    private static final long PLAUSIBLE_MILLIS = TimeUnit.HOURS.toMillis(1);

    private final long startedAtMillis;

    private StartupClock(long startedAtMillis) {
        this.startedAtMillis = startedAtMillis;
    }

    static StartupClock fromEnvironment() {
        return of(
                System.getenv(),
                System.currentTimeMillis(),
                ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    static StartupClock of(Map<String, String> environment, long nowMillis, long jvmStartMillis) {
        String passed = environment.get(STARTED_AT_VARIABLE);
        if (passed != null && passed.matches("[0-9]{1,15}")) {
            long startedAt = Long.parseLong(passed);
            if (startedAt <= jvmStartMillis && nowMillis - startedAt < PLAUSIBLE_MILLIS) {
                return new StartupClock(startedAt);
            }
        }
        return new StartupClock(jvmStartMillis);
    }

    double secondsSinceStart(long nowMillis) {
        return (nowMillis - startedAtMillis) / 1000.0;
    }
}
