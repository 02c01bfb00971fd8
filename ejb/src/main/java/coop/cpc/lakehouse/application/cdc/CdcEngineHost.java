package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import coop.cpc.lakehouse.application.source.SourceGuards;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.postgres.CdcSourceDatabase;
import coop.cpc.lakehouse.ingest.postgres.CleartextPasswordRule;
import coop.cpc.lakehouse.ingest.postgres.QualifiedTableName;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Hosts the Debezium engines, one per running stream, each on a thread of the server's
 * {@link ManagedThreadFactory} with its work wrapped by the {@link ContextService} (so the change
 * consumer runs in the application's context). Streams the catalog marks RUNNING start with the
 * deployment; all stop in {@link #close()}. Replication slots are never dropped on stop.
 */
@Singleton
@Startup
@DependsOn("CatalogStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CdcEngineHost {
    /** The source table each stream's heartbeats write (and capture), created on first start. */
    static final String HEARTBEAT_TABLE = "public.lakehouse_cdc_heartbeat";

    static final long STOP_TIMEOUT_MS = 30_000;
    /** Records per Debezium batch at most (the queue holds two batches). */
    static final int MAX_BATCH_SIZE = 16_384;

    private static final Logger LOG = Logger.getLogger(CdcEngineHost.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ContextService context;

    @EJB
    CdcCatalog catalog;

    @EJB
    CdcApplier applier;

    @Inject
    LakehouseSettings settings;

    @Inject
    LakehouseMetrics applicationMetrics;

    /** The audited path of the MBeans' operations. */
    @EJB
    CdcStreamService service;

    private final Map<UUID, StreamRunner> runners = new ConcurrentHashMap<>();
    private final Map<UUID, StreamMetricsMBean> mbeans = new ConcurrentHashMap<>();

    @PostConstruct
    void startRunningStreams() {
        CatalogOffsetStore.readFrom(name -> catalog.offset(name)
                .map(CdcCatalog.StoredOffset::json)
                .map(json -> TableCopies.handOver(json, pendingCopies(name))));
        for (CdcStream stream : catalog.list()) {
            register(stream);
            if (stream.running()) {
                start(stream.id());
            }
        }
    }

    /** The pending copies of the stream whose connector this is ({@link CdcStream#connectorName}). */
    private List<String> pendingCopies(String connectorName) {
        UUID id;
        try {
            id = UUID.fromString(connectorName);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        return catalog.find(id).map(CdcStream::pendingCopies).orElse(List.of());
    }

    @PreDestroy
    void close() {
        runners.values().forEach(r -> r.stop(STOP_TIMEOUT_MS));
        mbeans.values().forEach(StreamMetricsMBean::unregister);
        mbeans.clear();
        CatalogOffsetStore.readFrom(null);
        removeStreamGauges();
        runners.clear();
    }

    /**
     * The server's registry outlives the deployment: the gauges would hold the runners (and this class loader). At
     * undeploy the metrics bean may be destroyed already, its own {@code @PreDestroy} having removed every gauge.
     */
    private void removeStreamGauges() {
        try {
            runners.values().forEach(r -> applicationMetrics.cdcStreamRemoved(r.name));
        } catch (RuntimeException metricsGone) {
            LOG.fine(() -> "CDC stream gauges not removed here (the metrics bean is gone): " + metricsGone);
        }
    }

    /** Starts the stream's engine if it is not running. */
    public void start(UUID streamId) {
        CdcStream stream =
                catalog.find(streamId).orElseThrow(() -> new IllegalArgumentException("no CDC stream " + streamId));
        runner(stream).start(threads);
    }

    /** Stops the stream's engine, waiting for it (bounded). */
    public void stop(UUID streamId) {
        Optional.ofNullable(runners.get(streamId)).ifPresent(r -> r.stop(STOP_TIMEOUT_MS));
    }

    /** Stops, then starts with the stream's current settings. */
    public void restart(UUID streamId) {
        stop(streamId);
        start(streamId);
    }

    public CdcStreamState state(UUID streamId) {
        StreamRunner runner = runners.get(streamId);
        return runner == null ? CdcStreamState.STOPPED : runner.state();
    }

    public Optional<StreamMetrics> metrics(UUID streamId) {
        return Optional.ofNullable(runners.get(streamId)).map(r -> r.metrics);
    }

    /** Stops the stream's engine and forgets it: its MBean and metrics go (a deleted stream). */
    public void remove(UUID streamId) {
        StreamRunner runner = runners.remove(streamId);
        if (runner != null) {
            runner.stop(STOP_TIMEOUT_MS);
            applicationMetrics.cdcStreamRemoved(runner.name);
        }
        // The stream's connector name is its id (CdcStream.connectorName); its row may be gone already.
        CatalogOffsetStore.checkSlotWith(streamId.toString(), null);
        Optional.ofNullable(mbeans.remove(streamId)).ifPresent(StreamMetricsMBean::unregister);
    }

    /** Makes a new stream known (its MBean), without starting it. */
    public void register(CdcStream stream) {
        runner(stream);
    }

    private StreamRunner runner(CdcStream stream) {
        return runners.computeIfAbsent(stream.id(), id -> {
            StreamRunner runner = new StreamRunner(
                    stream.name(), new Factory(id), task -> context.createContextualProxy(task, Runnable.class));
            mbeans.computeIfAbsent(id, k -> StreamMetricsMBean.register(stream.name(), id, runner, service));
            applicationMetrics.cdcStream(stream.name(), runner);
            return runner;
        });
    }

    /** Builds each start's engine from the catalog's current row of the stream. */
    private final class Factory implements StreamRunner.EngineFactory {
        private final UUID streamId;
        private volatile StreamConsumer current;

        Factory(UUID streamId) {
            this.streamId = streamId;
        }

        private CdcStream stream() {
            return catalog.find(streamId)
                    .orElseThrow(() -> new IllegalStateException("CDC stream " + streamId + " is gone"));
        }

        @Override
        public Properties properties() throws SourceEndpoint.RefusedException {
            CdcStream stream = stream();
            SourceEndpoint endpoint = SourceEndpoint.resolve(
                    stream.url(), stream.user(), stream.passwordAlias(), settings, SourceGuards.fromConfig());
            refuseLakehouseCatalog(endpoint, stream);
            requireSlotAtCommittedPosition(endpoint, stream);
            boolean heartbeatTable = ensureHeartbeatTable(endpoint, stream);
            boolean copying = copying(stream);
            if (copying) {
                requireCopyableSource(endpoint, stream);
                publishPendingCopies(endpoint, stream);
            }
            return engineProperties(
                    stream,
                    endpoint,
                    heartbeatTable,
                    settings.cdcHeartbeatIntervalMs(),
                    copying ? settings.cdcSnapshotChunkRows() : 0);
        }

        @Override
        public DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> consumer(StreamMetrics metrics) {
            CdcStream stream = stream();
            StreamConsumer consumer = new StreamConsumer(
                    stream,
                    applier,
                    metrics,
                    topicPrefix(stream),
                    HEARTBEAT_TABLE,
                    settings.cdcSnapshotChunkRows(),
                    settings.cdcMaxTransactionChanges());
            current = consumer;
            @SuppressWarnings("unchecked")
            DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> proxy =
                    context.createContextualProxy(consumer, DebeziumEngine.ChangeConsumer.class);
            return proxy;
        }

        @Override
        public void engineEnded() {
            StreamConsumer ended = current;
            current = null;
            if (ended != null) {
                ended.engineEnded();
            }
        }

        @Override
        public void errorChanged(String error) {
            try {
                catalog.setLastError(streamId, error);
            } catch (RuntimeException e) {
                LOG.warning(() -> "Cannot record the error of CDC stream " + streamId + ": " + e.getMessage());
            }
        }
    }

    /**
     * A database that came to hold a lakehouse catalog after the stream was created is refused at each start too. A
     * source that cannot be reached here is left to the engine, which reports (and retries) it in its own words.
     */
    private static void refuseLakehouseCatalog(SourceEndpoint endpoint, CdcStream stream)
            throws SourceEndpoint.RefusedException {
        try (Connection c = endpoint.connect()) {
            endpoint.refuseLakehouseCatalog(c);
        } catch (SQLException e) {
            LOG.fine(() -> "CDC stream " + stream.name() + ": cannot check " + endpoint + " for a lakehouse catalog"
                    + " (SQLState " + e.getSQLState() + ")");
        }
    }

    /**
     * A stream that resumes from a committed COMMIT or from the end of its snapshot
     * ({@link ResumeOffset#unvalidatedLsn}) needs its slot at or before it: a slot dropped and created again, or moved on by hand, would silently skip the changes between.
     * Debezium's own check is off for such an offset, so the host refuses the start here, and hands the
     * same check to the offset store, which runs it again on every read of the offset (Debezium's task
     * restarts after retriable errors read it without passing here). A source that cannot be checked is
     * refused too.
     */
    private void requireSlotAtCommittedPosition(SourceEndpoint endpoint, CdcStream stream)
            throws SourceEndpoint.RefusedException {
        SlotPositionCheck check = SlotPositionCheck.onSource(stream.slot(), endpoint);
        CatalogOffsetStore.checkSlotWith(stream.connectorName(), check);
        try {
            check.requireFor(catalog.offset(stream.connectorName())
                    .map(CdcCatalog.StoredOffset::json)
                    .orElse(null));
        } catch (SlotPositionCheck.RefusedException e) {
            throw new SourceEndpoint.RefusedException(e.getMessage());
        }
    }

    /**
     * Whether the stream copies added tables this start: copies pending in the catalog, or a copy its stored offset
     * still lists (the last commit of a copy can hold the offset of its last row, before Debezium moved on).
     */
    private boolean copying(CdcStream stream) {
        return !stream.pendingCopies().isEmpty()
                || catalog.offset(stream.connectorName())
                        .map(o -> !TableCopies.inProgress(TableCopies.offsetMap(o.json()))
                                .isEmpty())
                        .orElse(false);
    }

    /** The copy of added tables needs {@code pg_current_snapshot()} (PostgreSQL 13): refused on an older source. */
    private static void requireCopyableSource(SourceEndpoint endpoint, CdcStream stream)
            throws SourceEndpoint.RefusedException {
        int major;
        try (Connection c = endpoint.connect()) {
            major = c.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw new SourceEndpoint.RefusedException("CDC stream " + stream.name() + ": cannot read the version of "
                    + endpoint + " (SQLState " + e.getSQLState() + ")");
        }
        if (major < CdcStreamService.MIN_COPY_VERSION) {
            throw new SourceEndpoint.RefusedException("CDC stream " + stream.name() + ": copying the rows of "
                    + String.join(", ", stream.pendingCopies()) + " needs PostgreSQL "
                    + CdcStreamService.MIN_COPY_VERSION + " or later on the source, which is " + major);
        }
    }

    /**
     * Adds the tables whose copy is pending to the stream's publication before the engine starts. Debezium reads the
     * copy's first chunk before it streams, and only then updates the publication; PostgreSQL publishes a table's
     * changes from the moment it joins the publication, so a change committed between that chunk's read and the
     * publication's update would be in neither.
     */
    private static void publishPendingCopies(SourceEndpoint endpoint, CdcStream stream)
            throws SourceEndpoint.RefusedException {
        List<QualifiedTableName> tables =
                stream.pendingCopies().stream().map(QualifiedTableName::parse).toList();
        try (Connection c = endpoint.connect()) {
            List<QualifiedTableName> added = CdcSourceDatabase.addToPublication(c, stream.publication(), tables);
            if (!added.isEmpty()) {
                LOG.info(() -> "CDC stream " + stream.name() + ": " + added + " joined publication "
                        + stream.publication() + " before their copy");
            }
        } catch (SQLException e) {
            throw new SourceEndpoint.RefusedException("CDC stream " + stream.name() + ": cannot add "
                    + String.join(", ", stream.pendingCopies()) + " to publication " + stream.publication() + " on "
                    + endpoint + " (SQLState " + e.getSQLState() + ")");
        }
    }

    /** Creates the heartbeat table on the source if the user may; without it heartbeats carry no write. */
    private static boolean ensureHeartbeatTable(SourceEndpoint endpoint, CdcStream stream) {
        try (Connection c = endpoint.connect()) {
            CdcSourceDatabase.createHeartbeatTable(c, HEARTBEAT_TABLE);
            return true;
        } catch (SQLException e) {
            LOG.warning(() -> "CDC stream " + stream.name() + ": cannot create " + HEARTBEAT_TABLE + " on " + endpoint
                    + " (SQLState " + e.getSQLState() + "); heartbeats without a write (docs/cdc.md)");
            return false;
        }
    }

    static String topicPrefix(CdcStream stream) {
        return "lakehouse_" + stream.name();
    }

    /** The engine's settings: docs/cdc.md explains each choice. */
    /**
     * @param copyChunkRows rows per chunk of the copies of added tables (each chunk is held in memory until its
     *                      window closes), or 0 when the stream copies none this start
     */
    static Properties engineProperties(
            CdcStream stream, SourceEndpoint endpoint, boolean heartbeatTable, int heartbeatMs, int copyChunkRows) {
        Properties p = new Properties();
        p.setProperty("name", stream.connectorName());
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", CatalogOffsetStore.class.getName());
        p.setProperty("offset.flush.interval.ms", "0");
        p.setProperty("offset.flush.timeout.ms", "60000");
        p.setProperty("topic.prefix", topicPrefix(stream));
        p.setProperty("database.hostname", endpoint.host());
        p.setProperty("database.port", Integer.toString(endpoint.url().port()));
        p.setProperty("database.user", endpoint.user());
        p.setProperty("database.password", endpoint.password());
        p.setProperty("database.dbname", endpoint.url().database());
        p.setProperty("database.sslmode", endpoint.url().sslmode());
        // Debezium passes driver.* to pgjdbc for its query and its replication connections alike.
        CleartextPasswordRule.apply(p, "driver.", endpoint.url(), endpoint.allowCleartextPassword());
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", stream.slot());
        p.setProperty("slot.drop.on.stop", "false");
        p.setProperty("publication.name", stream.publication());
        p.setProperty("publication.autocreate.mode", "filtered");
        String tables = stream.tables().stream()
                .map(t -> Pattern.quote(t.sourceTable()))
                .collect(Collectors.joining(","));
        p.setProperty("snapshot.include.collection.list", tables);
        p.setProperty("table.include.list", heartbeatTable ? tables + "," + Pattern.quote(HEARTBEAT_TABLE) : tables);
        p.setProperty("snapshot.mode", stream.snapshotMode() == CdcStream.SnapshotMode.INITIAL ? "initial" : "no_data");
        p.setProperty("provide.transaction.metadata", "true");
        p.setProperty("heartbeat.interval.ms", Integer.toString(heartbeatMs));
        if (heartbeatTable) {
            p.setProperty(
                    "heartbeat.action.query",
                    "INSERT INTO " + HEARTBEAT_TABLE + " (slot_name, beat_at) VALUES ('" + stream.slot()
                            + "', now()) ON CONFLICT (slot_name) DO UPDATE SET beat_at = excluded.beat_at");
        }
        if (copyChunkRows > 0) {
            // TableCopies: the read-only incremental snapshot (watermarks from pg_current_snapshot(), no signal
            // table), its progress in the offset, its end told by a notification among the records.
            p.setProperty("read.only", "true");
            p.setProperty("incremental.snapshot.chunk.size", Integer.toString(copyChunkRows));
            p.setProperty("notification.enabled.channels", "sink");
            p.setProperty("notification.sink.topic.name", StreamConsumer.notificationTopic(topicPrefix(stream)));
        }
        p.setProperty("skipped.operations", "none");
        p.setProperty("tombstones.on.delete", "false");
        // Numerics as text: precise mode cannot hold NaN or infinities and sends null (a NOT NULL column then
        // fails inside Debezium, for good); ChangeValues parses the text and names what an asset cannot store. The
        // source type keeps a numeric's (and a numeric[]'s) precision and scale in the schema, for columns added
        // later and to strip a numeric without precision as precise mode did. A bit string's source type tells a
        // bit(1) from a boolean and a bit(n) from a bit varying (ChangeValues).
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("datatype.propagate.source.type", ".+\\._?NUMERIC,.+\\.BIT,.+\\.VARBIT");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty("binary.handling.mode", "bytes");
        // An interval's fields as ISO text (ChangeValues writes PostgreSQL's), not microseconds with 30.4375-day
        // months.
        p.setProperty("interval.handling.mode", "string");
        p.setProperty("include.unknown.datatypes", "false");
        p.setProperty("errors.max.retries", "10");
        p.setProperty("errors.retry.delay.initial.ms", "500");
        p.setProperty("errors.retry.delay.max.ms", "10000");
        // Large batches under a backlog: each is one catalog commit (segments, snapshot, offset), so fewer
        // and larger commits catch up faster; a quiet source still gives small batches every poll.
        p.setProperty("max.batch.size", Integer.toString(MAX_BATCH_SIZE));
        p.setProperty("max.queue.size", Integer.toString(2 * MAX_BATCH_SIZE));
        p.setProperty("poll.interval.ms", "50");
        p.setProperty("record.processing.order", "ORDERED");
        p.setProperty("record.processing.threads", "1");
        return p;
    }
}
