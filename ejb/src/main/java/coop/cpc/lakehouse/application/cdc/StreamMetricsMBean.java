package coop.cpc.lakehouse.application.cdc;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.ObjectName;

/** The registered MXBean of one stream; its operations go to the engine host. */
final class StreamMetricsMBean implements CdcStreamMetricsMXBean {
    static final String DOMAIN = "coop.cpc.lakehouse.cdc";
    private static final Logger LOG = Logger.getLogger(StreamMetricsMBean.class.getName());

    private final ObjectName name;
    private final UUID streamId;
    private final StreamRunner runner;
    private final CdcEngineHost host;

    private StreamMetricsMBean(ObjectName name, UUID streamId, StreamRunner runner, CdcEngineHost host) {
        this.name = name;
        this.streamId = streamId;
        this.runner = runner;
        this.host = host;
    }

    static ObjectName objectName(String stream) throws JMException {
        return new ObjectName(DOMAIN + ":type=stream-metrics,stream=" + stream);
    }

    static StreamMetricsMBean register(String stream, UUID streamId, StreamRunner runner, CdcEngineHost host) {
        try {
            ObjectName name = objectName(stream);
            StreamMetricsMBean bean = new StreamMetricsMBean(name, streamId, runner, host);
            var server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(bean, name);
            return bean;
        } catch (JMException e) {
            LOG.warning(() -> "Cannot register the JMX metrics of CDC stream " + stream + ": " + e.getMessage());
            return new StreamMetricsMBean(null, streamId, runner, host);
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
    public String getLastError() {
        return runner.lastError();
    }

    @Override
    public void stop() {
        host.stop(streamId);
    }

    @Override
    public void start() {
        host.start(streamId);
    }

    @Override
    public void restart() {
        host.restart(streamId);
    }
}
