package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.audit.ManagementCaller;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.ObjectName;

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
        // An engine's error may quote the source's data: read through the audited service, as GraphQL's lastError is.
        return ManagementCaller.asJmxCaller(
                "LastError", () -> service.lastError(streamId), UnknownCdcStreamException.class);
    }

    @Override
    public void stop() {
        ManagementCaller.asJmxCaller("stop", () -> service.stop(streamId), UnknownCdcStreamException.class);
    }

    @Override
    public void start() {
        ManagementCaller.asJmxCaller("start", () -> service.start(streamId), UnknownCdcStreamException.class);
    }

    @Override
    public void restart() {
        ManagementCaller.asJmxCaller("restart", () -> service.restart(streamId), UnknownCdcStreamException.class);
    }
}
