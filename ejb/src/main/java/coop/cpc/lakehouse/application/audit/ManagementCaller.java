package coop.cpc.lakehouse.application.audit;

import java.util.concurrent.Callable;

/**
 * Who calls through a management channel (JMX) that has no caller the application's security
 * domain knows: MBean operations run their audited service call inside {@link #call}, and the
 * audit trail names that caller (and the channel) where the container sees only "anonymous".
 */
public final class ManagementCaller {
    /** The channel JMX operations come through, as audit entries' details name it. */
    public static final String JMX = "jmx";

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private ManagementCaller() {}

    /** Runs {@code work} on behalf of {@code name} (the JMX principal, else {@link #JMX}). */
    public static <T> T call(String name, Callable<T> work) throws Exception {
        String outer = CURRENT.get();
        CURRENT.set(name == null || name.isBlank() ? JMX : name);
        try {
            return work.call();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The management caller of this thread's current call, or null outside one. */
    static String current() {
        return CURRENT.get();
    }
}
