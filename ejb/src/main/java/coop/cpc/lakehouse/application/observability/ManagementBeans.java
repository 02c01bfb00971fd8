package coop.cpc.lakehouse.application.observability;

import coop.cpc.lakehouse.application.audit.AuditService;
import coop.cpc.lakehouse.application.audit.AuditVerification;
import coop.cpc.lakehouse.application.audit.ManagementCaller;
import coop.cpc.lakehouse.application.job.ExecutionState;
import coop.cpc.lakehouse.application.job.IngestionJobService;
import coop.cpc.lakehouse.application.job.JobRunner;
import coop.cpc.lakehouse.application.job.JobStateException;
import coop.cpc.lakehouse.application.job.StepRun;
import coop.cpc.lakehouse.application.job.UnknownJobExecutionException;
import coop.cpc.lakehouse.application.job.history.RunHistoryPurge;
import coop.cpc.lakehouse.application.job.history.RunHistoryPurgeRunningException;
import coop.cpc.lakehouse.application.source.SourceKind;
import coop.cpc.lakehouse.application.table.OrphanSegmentCleanup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers the lakehouse's MBeans ({@code coop.cpc.lakehouse:type=Ingestion|Storage|Audit}) in the
 * platform MBean server when the application deploys and removes them when it undeploys. WildFly
 * serves that server over JMX remoting on the management port (jconsole, {@code remote+http}).
 * Attributes and operations run on behalf of the JMX caller ({@link ManagementCaller}), so the audited
 * services they call name that caller and the channel; errors reach the JMX client as standard
 * exceptions carrying words only (an incident id for unexpected ones).
 */
@Singleton
@Startup
public class ManagementBeans {
    static final String DOMAIN = "coop.cpc.lakehouse";
    private static final Logger LOG = Logger.getLogger(ManagementBeans.class.getName());

    @EJB
    IngestionJobService jobs;

    // Looked up when asked, not injected at start-up: the bean lives in the batch module, which Open
    // Liberty starts after this one (docs/deployment.md).
    @Inject
    Instance<JobRunner> runner;

    @EJB
    AuditService chain;

    @EJB
    RunHistoryPurge history;

    @EJB
    CatalogStatistics statistics;

    @EJB
    OrphanSegmentCleanup orphans;

    @Inject
    IngestionActivity activity;

    private final List<ObjectName> registered = new ArrayList<>();

    @PostConstruct
    void register() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        register(server, "Ingestion", new Ingestion());
        register(server, "Storage", new Storage());
        register(server, "Audit", new Audit());
    }

    private void register(MBeanServer server, String type, Object bean) {
        try {
            ObjectName name = new ObjectName(DOMAIN, "type", type);
            if (server.isRegistered(name)) {
                // Left by a deployment that did not undeploy cleanly: this one replaces it.
                server.unregisterMBean(name);
            }
            server.registerMBean(bean, name);
            registered.add(name);
        } catch (JMException e) {
            LOG.warning(() -> "Cannot register the MBean " + DOMAIN + ":type=" + type + ": " + e.getMessage());
        }
    }

    @PreDestroy
    void unregister() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                LOG.fine(() -> "MBean " + name + " was already gone: " + e.getMessage());
            }
        }
        registered.clear();
    }

    /** The running (not interrupted) executions of the ingestion job. */
    private List<ExecutionState> running() {
        List<ExecutionState> found = new ArrayList<>();
        for (long id : runner.get().runningExecutions(SourceKind.INGESTION_JOB)) {
            found.add(runner.get().execution(id));
        }
        return found;
    }

    private final class Ingestion implements IngestionMXBean {
        @Override
        public int getRunningExecutions() {
            return ManagementCaller.asJmxCaller(
                    "RunningExecutions", () -> running().size());
        }

        @Override
        public double getRowsPerSecond() {
            return ManagementCaller.asJmxCaller("RowsPerSecond", this::rowsPerSecond);
        }

        private double rowsPerSecond() {
            Instant now = Instant.now();
            double total = 0;
            for (ExecutionState execution : running()) {
                if (execution.startedAt() == null) {
                    continue;
                }
                long read =
                        execution.steps().stream().mapToLong(StepRun::readCount).sum();
                double seconds = Duration.between(execution.startedAt(), now).toMillis() / 1000.0;
                if (seconds > 0) {
                    total += read / seconds;
                }
            }
            return total;
        }

        @Override
        public String getLastFailure() {
            // A failure's text may quote the data the run read: an audited read on behalf of the JMX caller.
            LastFailure last = ManagementCaller.asJmxCaller("LastFailure", activity::lastFailure);
            return last == null ? "" : last.text();
        }

        @Override
        public String stopExecution(long executionId) {
            return ManagementCaller.asJmxCaller(
                    "stopExecution",
                    () -> "execution " + jobs.stop(executionId).executionId() + " stops at its next checkpoint",
                    UnknownJobExecutionException.class,
                    JobStateException.class);
        }

        @Override
        public String purgeRunHistory() {
            return ManagementCaller.asJmxCaller(
                    "purgeRunHistory", history::purge, RunHistoryPurgeRunningException.class);
        }
    }

    private final class Storage implements StorageMXBean {
        @Override
        public long getAssets() {
            return ManagementCaller.asJmxCaller("Assets", statistics::assets);
        }

        @Override
        public long getSegments() {
            return ManagementCaller.asJmxCaller("Segments", statistics::liveSegments);
        }

        @Override
        public long getBytes() {
            return ManagementCaller.asJmxCaller("Bytes", statistics::liveSegmentBytes);
        }

        @Override
        public long getOrphanFiles() {
            return ManagementCaller.asJmxCaller("OrphanFiles", () -> (long) orphans.countOrphans());
        }
    }

    private final class Audit implements AuditMXBean {
        private final AtomicReference<AuditVerification> last = new AtomicReference<>();

        @Override
        public long getEntries() {
            return ManagementCaller.asJmxCaller("Entries", statistics::auditEntries);
        }

        @Override
        public Boolean getChainIntact() {
            AuditVerification result = last.get();
            return result == null ? null : result.intact();
        }

        @Override
        public Long getBrokenEntries() {
            AuditVerification result = last.get();
            return result == null ? null : result.brokenEntries();
        }

        @Override
        public String verifyChain() {
            AuditVerification result = ManagementCaller.asJmxCaller("verifyChain", () -> chain.verify(null));
            last.set(result);
            return describe(result);
        }
    }

    /** What verifyChain answers: intact, or every broken entry counted and the first ones named. */
    static String describe(AuditVerification result) {
        if (result.intact()) {
            return "intact: " + result.entriesChecked() + " entries checked";
        }
        if (result.brokenEntries() == 0) {
            return "broken: the published head is not in the chain (" + result.entriesChecked() + " entries checked)";
        }
        String named = result.brokenEntries() > result.brokenEntryIds().size()
                ? "the first " + result.brokenEntryIds().size() + ": "
                : "";
        return "broken at entry " + result.firstBrokenEntryId() + " (" + result.brokenEntries() + " of "
                + result.entriesChecked() + " entries checked do not verify; " + named
                + String.join(", ", result.brokenEntryIds()) + ")";
    }
}
