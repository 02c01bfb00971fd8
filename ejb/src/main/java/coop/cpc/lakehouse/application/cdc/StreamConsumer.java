package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.table.StagedChanges;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The engine's change consumer. Source transactions stay whole: changes are held from BEGIN to END
 * (across batches, for large transactions) and committed with the offset of END; the initial
 * snapshot is staged in bounded chunks ({@link SnapshotStaging}) and committed at once after its
 * last record. An open transaction holds at most {@code cdc_max_transaction_changes} changes: past
 * that the engine ends with {@link TransactionTooLargeException} (nothing of it applied; the stream
 * reads it again from its BEGIN on each start until the key is raised). A heartbeat with no
 * transaction open commits just its offset, so an idle slot's confirmed position moves on. Whole transactions are
 * committed at the end of each batch, full or not: nothing whole is held into the next batch (Debezium may send a
 * batch's records again to this same consumer after restarting its task, and held ones would be applied twice). After
 * a commit the record whose offset it stored is marked processed (marking stores
 * nothing: {@link CatalogOffsetStore#set}); Debezium confirms the slot at the last record marked, so the slot never
 * moves past what the catalog holds, and records of a transaction still open stay unmarked. Any failure ends the engine; it starts again from
 * the committed offset, and held changes are read again. Rows of the copy of a table added to the stream
 * ({@link TableCopies}) arrive among the changes and are applied with them, in their order; the copy completes
 * with the commit that holds its last row.
 */
final class StreamConsumer implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {
    private static final Logger LOG = Logger.getLogger(StreamConsumer.class.getName());
    /**
     * Lag (from the source's commit of a transaction to our commit of it) above which a stream is catching up on a
     * backlog: its commits then let the automatic compaction of their assets wait ({@code CompactionDeferral}). A
     * stream that keeps up commits within a few poll intervals (50 ms each) of the source.
     */
    static final long CATCHING_UP_LAG_MS = 2_000;

    private final CdcStream stream;
    private final CdcApplier applier;
    private final StreamMetrics metrics;
    private final String transactionTopic;
    private final String heartbeatTable;

    /**
     * The open transaction's changes, with the copied rows Debezium released inside it (a copy's chunk is released
     * at the first change the chunk's read could not see, often inside a transaction: at most
     * {@code cdc_snapshot_chunk_rows} of them, not counted against {@code cdc_max_transaction_changes}).
     */
    private final List<SourceChange> open = new ArrayList<>();
    /** The open transaction's own (streamed) changes in {@link #open}. */
    private int openStreamed;

    private boolean inTransaction;
    /** Streamed changes of one open transaction held at most ({@code cdc_max_transaction_changes}). */
    private final int maxTransactionChanges;
    /** The open transaction's id as Debezium names it ({@code txId:lsn}), for the error of one too large. */
    private String openTransactionId;

    /** Debezium's notifications of the copies of added tables ({@link TableCopies}). */
    private final String notificationTopic;
    /** Tables whose copy the catalog holds as pending. */
    private final List<String> pendingCopies;
    /** Copies whose last row arrived in the open transaction; complete at its END. */
    private final List<String> openCopied = new ArrayList<>();
    /** Copies whose last row arrived before the held changes' end: marked completed with their commit. */
    private final List<String> copied = new ArrayList<>();

    private final SnapshotStaging snapshot;
    private final List<SourceChange> pending = new ArrayList<>();
    private long pendingTransactions;
    private Map<String, ?> commitOffset;
    private Long commitSourceMillis;
    /** The record of this batch whose offset {@link #commitOffset} is. */
    private RecordChangeEvent<SourceRecord> offsetRecord;
    /** The record whose offset the last commit stored, marked processed at the end of the batch. */
    private RecordChangeEvent<SourceRecord> committedRecord;
    /** The stored offset's version after this consumer's last commit, so a commit need not read it first. */
    private long offsetVersion = CdcApplier.UNKNOWN_VERSION;
    /** The assets' schemas from this consumer's earlier commits, so a commit need not read them first. */
    private final AssetSchemas schemas = new AssetSchemas();

    private final EnvelopeFields.Cache<EnvelopeFields> envelopes = new EnvelopeFields.Cache<>(EnvelopeFields::of);
    private final EnvelopeFields.Cache<EnvelopeFields.SourceFields> sources =
            new EnvelopeFields.Cache<>(EnvelopeFields.SourceFields::of);
    private final EnvelopeFields.QualifiedName tableName = new EnvelopeFields.QualifiedName();

    StreamConsumer(
            CdcStream stream,
            CdcApplier applier,
            StreamMetrics metrics,
            String topicPrefix,
            String heartbeatTable,
            int snapshotChunkRows,
            int maxTransactionChanges) {
        if (maxTransactionChanges < 1) {
            throw new IllegalArgumentException("maxTransactionChanges must be positive: " + maxTransactionChanges);
        }
        this.stream = stream;
        this.maxTransactionChanges = maxTransactionChanges;
        this.applier = applier;
        this.metrics = metrics;
        this.transactionTopic = topicPrefix + ".transaction";
        this.heartbeatTable = heartbeatTable;
        this.notificationTopic = notificationTopic(topicPrefix);
        this.pendingCopies = stream.pendingCopies();
        this.snapshot = new SnapshotStaging(stream, snapshotChunkRows, new SnapshotChunks(stream, applier));
    }

    /**
     * The engine ended: an initial snapshot it did not finish leaves no staged files behind, and the stream's assets
     * no longer wait for it to catch up.
     */
    void engineEnded() {
        try {
            snapshot.abandon();
        } finally {
            applier.streamEnded(stream);
        }
    }

    /** The topic of Debezium's notifications for a stream of this topic prefix ({@code notification.sink.topic.name}). */
    static String notificationTopic(String topicPrefix) {
        return topicPrefix + ".notifications";
    }

    /** Whether a commit of a transaction the source committed at {@code sourceMillis} (null: unknown) is behind. */
    static boolean catchingUp(Long sourceMillis, long nowMillis) {
        return sourceMillis != null && nowMillis - sourceMillis > CATCHING_UP_LAG_MS;
    }

    /** The applier's snapshot operations, as the staging takes them. */
    private record SnapshotChunks(CdcStream stream, CdcApplier applier) implements SnapshotStaging.Chunks {
        @Override
        public StagedChanges stage(CdcTable table, List<SourceChange> rows) throws Exception {
            return applier.stageSnapshot(table, rows);
        }

        @Override
        public void commit(Map<CdcTable, List<StagedChanges>> chunks, Map<String, ?> offset) throws Exception {
            applier.commitSnapshot(stream, chunks, offset);
        }

        @Override
        public void discard(List<StagedChanges> chunks) {
            applier.discardSnapshot(chunks);
        }
    }

    @Override
    public void handleBatch(
            List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        for (RecordChangeEvent<SourceRecord> event : records) {
            try {
                accept(event);
            } catch (TransactionTooLargeException e) {
                // The whole transactions before it are kept; the stream resumes at the large one's BEGIN.
                commit();
                throw e;
            }
        }
        // Every batch, full or not, commits its whole transactions at its end: nothing whole outlives the batch. After
        // a dropped replication connection Debezium restarts its task inside this engine, with this same consumer,
        // from the catalog's offset; whole transactions held over the batch would be sent again and applied twice.
        commit();
        // The record whose offset the catalog now holds, and no other: Debezium keeps the last offset marked (per
        // partition) and confirms the slot there (its lsn_commit, or without one its own LSN), so marking the records
        // before it as well changes nothing but costs a map update each. A record of a transaction still open, marked,
        // would move the slot past the stored offset (after a snapshot, before the first streamed COMMIT) and the next
        // start would be refused as if the slot had been replaced (SlotPositionCheck).
        if (committedRecord != null) {
            committer.markProcessed(committedRecord);
            committedRecord = null;
        }
        committer.markBatchFinished();
    }

    /**
     * Takes one record: a change is held, an END or a heartbeat becomes the offset the next commit stores
     * ({@link #offsetRecord}), the last record of an initial snapshot commits it.
     */
    private void accept(RecordChangeEvent<SourceRecord> event) {
        SourceRecord record = event.record();
        String topic = record.topic();
        Object value = record.value();
        if (topic.equals(transactionTopic) && value instanceof Struct tx) {
            String status = tx.getString("status");
            if ("BEGIN".equals(status)) {
                inTransaction = true;
                open.clear();
                openStreamed = 0;
                openCopied.clear();
                openTransactionId = tx.schema().field("id") != null ? tx.getString("id") : null;
            } else if ("END".equals(status)) {
                inTransaction = false;
                openTransactionId = null;
                pending.addAll(open);
                open.clear();
                openStreamed = 0;
                copied.addAll(openCopied);
                openCopied.clear();
                pendingTransactions++;
                commitOffset = TableCopies.storable(record.sourceOffset());
                commitSourceMillis = tx.schema().field("ts_ms") != null ? tx.getInt64("ts_ms") : null;
                offsetRecord = event;
            }
            return;
        }
        if (topic.startsWith("__debezium-heartbeat")) {
            if (!inTransaction && !snapshot.inProgress() && pending.isEmpty()) {
                commitOffset = TableCopies.storable(record.sourceOffset());
                offsetRecord = event;
            }
            return;
        }
        if (topic.equals(notificationTopic)) {
            TableCopies.scanOf(record, notificationTopic).ifPresent(this::scanned);
            return;
        }
        if (!(value instanceof Struct envelope)) {
            return;
        }
        EnvelopeFields fields = envelopes.of(envelope.schema());
        if (fields.op() == null) {
            return;
        }
        Struct source = fields.source(envelope);
        EnvelopeFields.SourceFields sourceFields = source == null ? null : sources.of(source.schema());
        String snapshotMarker = source == null ? null : sourceFields.snapshot(source);
        boolean isSnapshot =
                snapshotMarker != null && !snapshotMarker.equals("false") && !snapshotMarker.equals("incremental");
        String table = source == null ? null : sourceFields.table(source, tableName);
        SourceChange change = change(table, envelope, fields);
        if (isSnapshot) {
            try {
                if (change != null && !table.equals(heartbeatTable)) {
                    snapshot.add(change);
                }
                if (snapshotMarker.equals("last")) {
                    offsetVersion = CdcApplier.UNKNOWN_VERSION;
                    long rows = snapshot.complete(record.sourceOffset());
                    Object lsn = record.sourceOffset().get("lsn");
                    metrics.committed(rows, 0, lsn instanceof Number n ? n.longValue() : null, null);
                    committedRecord = event;
                }
            } catch (Exception e) {
                throw new IllegalStateException(
                        "CDC stream " + stream.name() + " could not stage or commit its initial snapshot: "
                                + e.getMessage(),
                        e);
            }
            return;
        }
        if (change == null || table.equals(heartbeatTable)) {
            return;
        }
        boolean copiedRow = "incremental".equals(snapshotMarker);
        if (copiedRow) {
            metrics.copyRowRead(table);
        }
        if (inTransaction) {
            if (!copiedRow && openStreamed >= maxTransactionChanges) {
                open.clear();
                openStreamed = 0;
                throw new TransactionTooLargeException(stream.name(), openTransactionId, maxTransactionChanges);
            }
            open.add(change);
            if (!copiedRow) {
                openStreamed++;
            }
        } else {
            // A change outside BEGIN/END (no transaction metadata): a transaction of its own.
            pending.add(change);
            pendingTransactions++;
            commitOffset = TableCopies.storable(record.sourceOffset());
            offsetRecord = event;
        }
    }

    /**
     * Debezium has sent the last row of a table's copy (its rows are held before this point): the copy completes
     * with the commit that holds them. A table no start could copy (dropped, its primary key dropped, skipped) ends
     * its copy the same way, with a WARNING naming why: the rows copied so far stay, the others are not copied. A
     * scan that ended otherwise (the table could not be read) ends the engine: the copy stays pending and starts
     * again with the stream's next start.
     */
    private void scanned(TableCopies.Scan scan) {
        metrics.copyScanned(scan.table());
        if (!pendingCopies.contains(scan.table())) {
            return;
        }
        if (scan.uncopyable()) {
            LOG.warning(() -> "CDC stream " + stream.name() + ": the copy of the rows of " + scan.table()
                    + " ends unfinished: Debezium ended its scan with " + scan.status()
                    + " (the table was dropped, lost its primary key, or is not in the publication); rows not copied"
                    + " by then are not copied, the stream goes on (docs/cdc.md)");
        } else if (!scan.copied()) {
            commit();
            throw new IllegalStateException("CDC stream " + stream.name() + ": the copy of the rows of " + scan.table()
                    + " failed (Debezium ended its scan with " + scan.status()
                    + "; its log says why); the copy starts again when the stream starts again");
        }
        (inTransaction ? openCopied : copied).add(scan.table());
    }

    /** Streamed changes of the open source transaction held now (at most {@code cdc_max_transaction_changes}). */
    int openChanges() {
        return openStreamed;
    }

    private static SourceChange change(String table, Struct envelope, EnvelopeFields fields) {
        String op = fields.op(envelope);
        Struct before = fields.before(envelope);
        Struct after = fields.after(envelope);
        return switch (op) {
            case "c", "r", "u" ->
                after == null ? null : new SourceChange(table, SourceChange.Kind.UPSERT, before, after);
            case "d" -> before == null ? null : new SourceChange(table, SourceChange.Kind.DELETE, before, null);
            case "t" -> new SourceChange(table, SourceChange.Kind.TRUNCATE, null, null);
            default -> null;
        };
    }

    /** Commits what is whole (changes and/or offset), if anything. */
    private void commit() {
        if (commitOffset == null) {
            return;
        }
        try {
            offsetVersion = applier.apply(
                    stream,
                    Collections.unmodifiableList(pending),
                    commitOffset,
                    offsetVersion,
                    schemas,
                    catchingUp(commitSourceMillis, System.currentTimeMillis()),
                    List.copyOf(copied));
        } catch (Exception e) {
            offsetVersion = CdcApplier.UNKNOWN_VERSION;
            schemas.clear();
            throw new IllegalStateException("CDC stream " + stream.name() + " could not commit: " + e.getMessage(), e);
        }
        Object lsn = commitOffset.get("lsn");
        metrics.committed(
                pending.size(),
                pendingTransactions,
                lsn instanceof Number n ? n.longValue() : null,
                commitSourceMillis);
        pending.clear();
        copied.clear();
        pendingTransactions = 0;
        commitOffset = null;
        commitSourceMillis = null;
        committedRecord = offsetRecord;
        offsetRecord = null;
    }
}
