package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.audit.ManagementCaller;
import java.lang.management.ManagementFactory;
import java.security.AccessController;
import java.security.Principal;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.ObjectName;
import javax.security.auth.Subject;

/**
 * The registered MXBean of one stream. Its operations go through the audited {@link CdcStreamService}
 * (like the GraphQL mutations), on behalf of the JMX caller ({@link ManagementCaller}).
 */
final class StreamMetricsMBean implements CdcStreamMetricsMXBean {
    static final String DOMAIN = "coop.cpc.lakehouse.cdc";
    private static final Logger LOG = Logger.getLogger(StreamMetricsMBean.class.getName());

    private final ObjectName name;
    private final UUID streamId;
    private final StreamRunner runner;
    private final CdcStreamService service;

    private StreamMetricsMBean(ObjectName name, UUID streamId, StreamRunner runner, CdcStreamService service) {
        this.name = name;
        this.streamId = streamId;
        this.runner = runner;
        this.service = service;
    }

    static ObjectName objectName(String stream) throws JMException {
        return new ObjectName(DOMAIN + ":type=stream-metrics,stream=" + stream);
    }

    static StreamMetricsMBean register(String stream, UUID streamId, StreamRunner runner, CdcStreamService service) {
        try {
            ObjectName name = objectName(stream);
            StreamMetricsMBean bean = new StreamMetricsMBean(name, streamId, runner, service);
            var server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(bean, name);
            return bean;
        } catch (JMException e) {
            LOG.warning(() -> "Cannot register the JMX metrics of CDC stream " + stream + ": " + e.getMessage());
            return new StreamMetricsMBean(null, streamId, runner, service);
        }
    }

    void unregister() {
        if (name != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (JMException e) {
                LOG.fine(() -> "JMX metrics of " + name + " already gone");
            }
        }
    }

    @Override
    public String getState() {
        return runner.state().name();
    }

    @Override
    public long getLastLsn() {
        Long lsn = runner.metrics.lastLsn();
        return lsn == null ? -1 : lsn;
    }

    @Override
    public long getLagMs() {
        return runner.metrics.lagMs();
    }

    @Override
    public long getLagP50Ms() {
        return runner.metrics.lagQuantileMs(0.5);
    }

    @Override
    public long getLagP99Ms() {
        return runner.metrics.lagQuantileMs(0.99);
    }

    @Override
    public long getEventsCommitted() {
        return runner.metrics.events();
    }

    @Override
    public long getTransactionsCommitted() {
        return runner.metrics.transactions();
    }

    @Override
    public String getCopyingTable() {
        return runner.metrics.copyingTable();
    }

    @Override
    public long getCopyRowsRead() {
        return runner.metrics.copyRowsRead();
    }

    @Override
    public String getLastError() {
        return runner.lastError();
    }

    @Override
    public void stop() {
        operate(() -> service.stop(streamId));
    }

    @Override
    public void start() {
        operate(() -> service.start(streamId));
    }

    @Override
    public void restart() {
        operate(() -> service.restart(streamId));
    }

    /** Errors reach the JMX client as standard exceptions carrying words only. */
    private void operate(Callable<CdcStream> operation) {
        try {
            ManagementCaller.call(jmxPrincipal(), operation);
        } catch (UnknownCdcStreamException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalStateException("CDC stream operation failed: " + e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException("CDC stream operation failed: " + e.getMessage());
        }
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
