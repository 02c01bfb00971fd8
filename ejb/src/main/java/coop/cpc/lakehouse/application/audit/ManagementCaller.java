package coop.cpc.lakehouse.application.audit;

import java.security.AccessController;
import java.security.Principal;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;

/**
 * Who calls through a management channel (JMX) that has no caller the application's security
 * domain knows: MBean operations run their audited service call inside {@link #asJmxCaller}, and the
 * audit trail names that caller (and the channel) where the container sees only "anonymous".
 */
public final class ManagementCaller {
    /** The channel JMX operations come through, as audit entries' details name it. */
    public static final String JMX = "jmx";

    private static final Logger LOG = Logger.getLogger(ManagementCaller.class.getName());
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private ManagementCaller() {}

    /**
     * Runs an MBean operation or attribute read ({@code what}, as the client knows it) on behalf of the
     * JMX caller: the connector's principal, else {@link #JMX}. Errors reach the JMX client as standard
     * exceptions carrying words only: one of {@code refusals} as an IllegalArgumentException with its
     * message, anything else as an IllegalStateException with an incident id, its cause (which may hold
     * SQL or server classes) logged under that id.
     */
    @SafeVarargs
    public static <T> T asJmxCaller(String what, Callable<T> work, Class<? extends Exception>... refusals) {
        try {
            return call(jmxPrincipal(), work);
        } catch (Exception e) {
            for (Class<? extends Exception> refusal : refusals) {
                if (refusal.isInstance(e)) {
                    throw new IllegalArgumentException(e.getMessage());
                }
            }
            String incident = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.SEVERE, e, () -> "JMX " + what + " failed; incident " + incident);
            throw new IllegalStateException(what + " failed (incident " + incident + "; the server log has the cause)");
        }
    }

    /** Runs {@code work} on behalf of {@code name} (the JMX principal, else {@link #JMX}). */
    static <T> T call(String name, Callable<T> work) throws Exception {
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

    /** The principal the JMX connector runs the operation as, if it says; null otherwise. */
    @SuppressWarnings("removal")
    private static String jmxPrincipal() {
        try {
            Subject subject = Subject.getSubject(AccessController.getContext());
            if (subject != null) {
                for (Principal p : subject.getPrincipals()) {
                    if (p.getName() != null && !p.getName().isBlank()) {
                        return p.getName();
                    }
                }
            }
        } catch (RuntimeException unsupported) {
            // Without a subject the caller is named "jmx".
        }
        return null;
    }
}
