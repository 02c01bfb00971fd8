package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.table.CommitWorkException;
import coop.cpc.lakehouse.application.table.CompactionDeferral;
import coop.cpc.lakehouse.application.table.ResponseTooLargeException;
import coop.cpc.lakehouse.application.table.RowPage;
import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.application.table.SchemaMismatchException;
import coop.cpc.lakehouse.application.table.SnapshotExpiredException;
import coop.cpc.lakehouse.application.table.StagedChanges;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.application.table.TableChanges;
import coop.cpc.lakehouse.application.table.TableService;
import coop.cpc.lakehouse.application.table.UncommittedSegments;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Values;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Applies whole source transactions to their assets through the table service: each asset's
 * changes (upserts and deletes by key, a TRUNCATE as replace-all; TOAST placeholders take the
 * stored value; new source columns join as nullable) are staged as segment files, then ONE catalog
 * transaction commits every asset's snapshot AND the stream's offset (compare-and-set on its
 * version). Staged files of a commit that fails are discarded. Runs outside a transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CdcApplier {
    private static final Logger LOG = Logger.getLogger(CdcApplier.class.getName());
    /** The bit varying columns of streams an earlier build created whose WARNING this server run logged. */
    private static final Set<String> WARNED_BIT_VARYING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Reads of a stored row a snapshot expiry may cut short before the lookup gives up. */
    private static final int LOOKUP_ATTEMPTS = 3;

    /** Bytes a TOAST look-up of one stored row may read. */
    static final long LOOKUP_MAX_BYTES = 64L << 20;

    @EJB
    TableService tables;

    @EJB
    CdcCatalog catalog;

    @Inject
    AssetRepository assets;

    /** Chunks of an initial snapshot in progress, kept from the orphan cleanup until they commit. */
    @Inject
    UncommittedSegments uncommitted;

    /** Where a commit says whether its stream is catching up (then its assets' automatic compaction waits). */
    @Inject
    CompactionDeferral deferral;

    /** The offset moved under the stream (another engine of the same stream): nothing was committed. */
    static final class OffsetMovedException extends Exception {
        private static final long serialVersionUID = 1L;

        OffsetMovedException(String message) {
            super(message);
        }
    }

    /** An offset version the caller does not know: {@link #apply} reads it from the catalog. */
    static final long UNKNOWN_VERSION = Long.MIN_VALUE;

    /**
     * @param changes       whole source transactions, in source order
     * @param offset        Debezium's source offset after the last of them
     * @param offsetVersion the version of the stream's stored offset as the caller's last commit left it (-1: none
     *                      yet), or {@link #UNKNOWN_VERSION}; the commit is a compare-and-set on it
     * @return the version of the offset this commit stored
     */
    public long apply(CdcStream stream, List<SourceChange> changes, Map<String, ?> offset, long offsetVersion)
            throws UnknownAssetException, SchemaMismatchException, InvalidInputException, CommitWorkException {
        return apply(stream, changes, offset, offsetVersion, new AssetSchemas());
    }

    /**
     * {@link #apply} mapping the changes to the schemas the caller kept from its earlier commits (read and kept
     * here when missing), by a stream that is not catching up.
     */
    public long apply(
            CdcStream stream,
            List<SourceChange> changes,
            Map<String, ?> offset,
            long offsetVersion,
            AssetSchemas schemas)
            throws UnknownAssetException, SchemaMismatchException, InvalidInputException, CommitWorkException {
        return apply(stream, changes, offset, offsetVersion, schemas, false, List.of());
    }

    /**
     * {@link #apply} mapping the changes to the schemas the caller kept from its earlier commits (read and kept
     * here when missing), and marking in the same catalog transaction the copies of {@code copiedTables} completed:
     * the last rows of their copies are among these changes or committed before ({@link TableCopies}). Public: the
     * consumer calls it through the bean's view.
     *
     * @param catchingUp whether the stream is catching up on a backlog: then the automatic compaction of the
     *                   assets this commit writes waits ({@link CompactionDeferral}, bounded); a commit that is not
     *                   catching up lets it start
     */
    public long apply(
            CdcStream stream,
            List<SourceChange> changes,
            Map<String, ?> offset,
            long offsetVersion,
            AssetSchemas schemas,
            boolean catchingUp,
            Collection<String> copiedTables)
            throws UnknownAssetException, SchemaMismatchException, InvalidInputException, CommitWorkException {
        Map<String, CdcTable> captured = new HashMap<>();
        stream.tables().forEach(t -> captured.put(t.sourceTable(), t));
        Map<CdcTable, List<SourceChange>> byTable = new LinkedHashMap<>();
        // The consumer gives a run of one table's changes one name string (EnvelopeFields.QualifiedName): the table
        // and its list are looked up when the name changes, not hashed (a CdcTable's hash covers all its parts) per
        // change.
        String lastName = null;
        List<SourceChange> lastList = null;
        for (SourceChange change : changes) {
            String name = change.sourceTable();
            if (name != lastName) {
                CdcTable table = captured.get(name);
                lastList = table == null ? null : byTable.computeIfAbsent(table, k -> new ArrayList<>());
                lastName = name;
            }
            if (lastList != null) {
                lastList.add(change);
            }
        }
        long expected = offsetVersion != UNKNOWN_VERSION
                ? offsetVersion
                : catalog.offset(stream.connectorName())
                        .map(CdcCatalog.StoredOffset::version)
                        .orElse(-1L);
        // A first offset is inserted with version 0; each later one adds 1 (JpaCdcStreamRepository.saveOffset).
        long stored = expected < 0 ? 0 : expected + 1;
        Map<UUID, TableChanges> perAsset = new LinkedHashMap<>();
        for (var entry : byTable.entrySet()) {
            TableChanges tableChanges = changes(stream.name(), entry.getKey(), entry.getValue(), false, schemas);
            if (tableChanges != null) {
                perAsset.put(entry.getKey().assetId(), tableChanges);
            }
        }
        if (perAsset.isEmpty()) {
            if (copiedTables.isEmpty()) {
                catalog.commitOffset(stream.connectorName(), offset, expected);
            } else {
                catalog.commitOffset(stream, offset, expected, copiedTables);
            }
            if (!catchingUp) {
                // A heartbeat that keeps up ends the wait too, or a backlog followed by a quiet source would hold it.
                streamEnded(stream);
            }
            return stored;
        }
        deferral.catchingUp(perAsset.keySet(), catchingUp);
        // One audited call stages and commits every asset's changes with the offset (one audit entry per commit).
        tables.commitChanges(
                perAsset,
                results -> {
                    catalog.markCopiesCompleted(stream.id(), copiedTables);
                    return saveOffset(stream, offset, expected);
                },
                null,
                null);
        return stored;
    }

    private CommittedOffset saveOffset(CdcStream stream, Map<String, ?> offset, long offsetVersion)
            throws OffsetMovedException {
        if (!catalog.saveOffset(stream.connectorName(), offset, offsetVersion)) {
            throw new OffsetMovedException(
                    "the offset of CDC stream " + stream.name() + " was moved by another writer");
        }
        return new CommittedOffset(stream.id(), offset);
    }

    /**
     * Writes one chunk of a table's initial snapshot as segment files that no snapshot names yet (so
     * nothing is visible); {@link #commitSnapshot} commits them, {@link #discardSnapshot} deletes them.
     */
    public StagedChanges stageSnapshot(CdcTable table, List<SourceChange> rows)
            throws UnknownAssetException, SchemaMismatchException, InvalidInputException {
        StagedChanges chunk = tables.stage(table.assetId(), changes(null, table, rows, true, null));
        uncommitted.hold(paths(List.of(chunk)));
        return chunk;
    }

    /**
     * Commits a whole initial snapshot in ONE catalog transaction: per table one OVERWRITE snapshot of
     * all its chunks (a table without rows is emptied: a copy that restarts starts clean), the stream's
     * offset (compare-and-set) and the stream's mark that its snapshot is complete. When it fails,
     * nothing is committed and the chunks stay for {@link #discardSnapshot}.
     */
    public void commitSnapshot(CdcStream stream, Map<CdcTable, List<StagedChanges>> chunks, Map<String, ?> offset)
            throws UnknownAssetException, SchemaMismatchException, InvalidInputException, CommitWorkException {
        long offsetVersion = catalog.offset(stream.connectorName())
                .map(CdcCatalog.StoredOffset::version)
                .orElse(-1L);
        List<StagedChanges> perTable = new ArrayList<>();
        for (CdcTable table : stream.tables()) {
            perTable.add(wholeTable(table, chunks.getOrDefault(table, List.of())));
        }
        List<StagedChanges> all = new ArrayList<>();
        chunks.values().forEach(all::addAll);
        boolean committed = false;
        try {
            tables.commit(
                    perTable,
                    results -> {
                        catalog.markSnapshotCompleted(stream.id());
                        // A table added before the initial snapshot committed is copied whole by it.
                        catalog.markCopiesCompleted(stream.id(), stream.pendingCopies());
                        return saveOffset(stream, offset, offsetVersion);
                    },
                    null,
                    null);
            committed = true;
        } finally {
            if (committed) {
                uncommitted.release(paths(all));
            }
        }
    }

    /**
     * The stream no longer writes (its engine ended) or has caught up: its assets' automatic compaction no longer
     * waits for it (it starts at the asset's next commit, or by the daily maintenance).
     */
    public void streamEnded(CdcStream stream) {
        deferral.catchingUp(stream.tables().stream().map(CdcTable::assetId).toList(), false);
    }

    /** Deletes the files of snapshot chunks that will never commit. */
    public void discardSnapshot(List<StagedChanges> chunks) {
        try {
            tables.discard(chunks);
        } finally {
            uncommitted.release(paths(chunks));
        }
    }

    /** A table's snapshot chunks as one replace-all change of the table (its rows' keys are distinct). */
    private static StagedChanges wholeTable(CdcTable table, List<StagedChanges> chunks) {
        List<ColumnSpec> added = new ArrayList<>();
        List<StagedSegment> data = new ArrayList<>();
        List<StagedSegment> deletes = new ArrayList<>();
        Set<String> addedNames = new HashSet<>();
        Set<String> relaxed = new LinkedHashSet<>();
        for (StagedChanges chunk : chunks) {
            chunk.addedColumns().stream().filter(c -> addedNames.add(c.name())).forEach(added::add);
            relaxed.addAll(chunk.relaxedColumns());
            data.addAll(chunk.dataSegments());
            deletes.addAll(chunk.deleteSegments());
        }
        return new StagedChanges(
                table.assetId(),
                SnapshotOperation.OVERWRITE,
                true,
                added,
                data,
                deletes,
                chunks.isEmpty() ? null : chunks.get(0).seenSnapshot(),
                List.copyOf(relaxed));
    }

    private static List<String> paths(Collection<StagedChanges> chunks) {
        List<String> paths = new ArrayList<>();
        for (StagedChanges chunk : chunks) {
            chunk.dataSegments().forEach(s -> paths.add(s.path()));
            chunk.deleteSegments().forEach(s -> paths.add(s.path()));
        }
        return paths;
    }

    /**
     * One table's changes as the table service takes them; null when there is nothing to write.
     *
     * @param stream  the stream's name, or null for a chunk of its initial snapshot (for messages)
     * @param schemas the asset schemas kept between commits, or null to read the asset's
     */
    private TableChanges changes(
            String stream, CdcTable table, List<SourceChange> changes, boolean snapshot, AssetSchemas schemas)
            throws UnknownAssetException, InvalidInputException {
        AssetSchema schema = schemas == null ? null : schemas.get(table.assetId());
        if (schema == null) {
            DataAsset asset = assets.find(table.assetId())
                    .orElseThrow(() -> new UnknownAssetException("with id " + table.assetId()));
            schema = AssetSchema.fromJson(asset.getSchema());
            if (schemas != null) {
                schemas.put(table.assetId(), schema);
            }
        }
        Map<String, ColumnType> types = new HashMap<>();
        List<Column> columns = new ArrayList<>();
        for (ColumnSpec spec : schema.columns()) {
            types.put(spec.name(), spec.type());
            columns.add(new Column(spec.name(), spec.type().toColumnar(), spec.nullable()));
        }
        String source = stream == null ? "initial snapshot" : "CDC stream " + stream;
        // Changes of one table share a few schemas (one per source table version): each is looked at once.
        Set<org.apache.kafka.connect.data.Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<String> relaxed = new LinkedHashSet<>();
        // A run of changes shares one schema: only a schema other than the last one is looked up in the set.
        org.apache.kafka.connect.data.Schema last = null;
        for (SourceChange change : changes) {
            Struct row = change.after() != null ? change.after() : change.before();
            if (row == null) {
                continue;
            }
            org.apache.kafka.connect.data.Schema rowSchema = row.schema();
            if (rowSchema == last) {
                continue;
            }
            last = rowSchema;
            if (!seen.add(rowSchema)) {
                continue;
            }
            for (Field field : row.schema().fields()) {
                if (!types.containsKey(field.name())) {
                    if (!Names.isValid(field.name())) {
                        throw new UnacceptedColumnNameFailure(source, table.sourceTable(), field.name());
                    }
                    ColumnType type = ChangeValues.typeOf(field.schema());
                    types.put(field.name(), type);
                    columns.add(new Column(field.name(), type.toColumnar(), true));
                }
            }
            relaxed.addAll(goneRequiredColumns(schema, table, row.schema()));
        }
        if (!relaxed.isEmpty()) {
            // The source column was dropped or renamed, or is not published (a GENERATED ... STORED column before
            // PostgreSQL 18): the asset's column takes nulls from now on (old rows keep their values), so the stream
            // goes on instead of failing every commit of the change.
            LOG.warning(() -> source + ", table " + table.sourceTable() + ": column(s) " + String.join(", ", relaxed)
                    + " missing from the change: dropped, renamed or not published; the asset's NOT NULL column(s)"
                    + " become nullable");
            columns.replaceAll(c -> relaxed.contains(c.name()) ? new Column(c.name(), c.type(), true) : c);
        }
        if (schemas != null && (columns.size() > schema.columns().size() || !relaxed.isEmpty())) {
            // This commit adds source columns to the asset or relaxes some: the next one reads the schema it leaves.
            schemas.forget(table.assetId());
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            position.put(columns.get(i).name(), i);
        }
        int[] keyAt = table.keyColumns().stream().mapToInt(position::get).toArray();
        RowMapper rows = new RowMapper(
                source,
                table,
                columns.size(),
                position,
                types,
                schema.columns().stream().map(ColumnSpec::name).collect(java.util.stream.Collectors.toSet()),
                new UnstorableValues(stream, table, columns));
        ChangedRows out = new ChangedRows(
                rows, keyAt, position, snapshot, values -> stored(table, columns, values, position), changes.size());
        for (SourceChange change : changes) {
            out.add(change);
        }
        if (out.rows.isEmpty() && !out.replaceAll) {
            return null;
        }
        return new TableChanges(
                columns,
                out.rows,
                out.replaceAll,
                snapshot ? SnapshotOperation.OVERWRITE : SnapshotOperation.CDC,
                relaxed);
    }

    /** The stored row of a key, for the TOASTed values a change leaves out; null when none is stored. */
    @FunctionalInterface
    private interface StoredRow {
        Object[] of(Object[] values) throws UnknownAssetException, InvalidInputException;
    }

    /**
     * The row changes of one table's changes, in their order: each change is added by one small method, which the
     * JIT compiles on its own once a backlog has called it often enough (a loop over a whole batch's changes in the
     * caller would be compiled only on-stack, per commit path, and much larger).
     */
    private static final class ChangedRows {
        private final RowMapper mapper;
        private final int[] keyAt;
        private final Map<String, Integer> position;
        private final StoredRow stored;
        private final List<TableChanges.RowChange> rows;
        /**
         * The newest values of each key this commit holds (null: deleted), built from {@link #rows} at the first
         * TOASTed value that needs it and kept up from then on; null before (a commit without TOASTed values, the
         * common case, updates no map per change).
         */
        private Map<Object, Object[]> latest;
        /** Whether the commit replaces the asset's rows (a snapshot, or a TRUNCATE among the changes). */
        private boolean replaceAll;
        /** Whether no stored row counts any more (a snapshot or a TRUNCATE came first). */
        private boolean emptied;

        ChangedRows(
                RowMapper mapper,
                int[] keyAt,
                Map<String, Integer> position,
                boolean snapshot,
                StoredRow stored,
                int expected) {
            this.mapper = mapper;
            this.keyAt = keyAt;
            this.position = position;
            this.stored = stored;
            this.rows = new ArrayList<>(expected);
            this.replaceAll = snapshot;
            this.emptied = snapshot;
        }

        void add(SourceChange change) throws UnknownAssetException, InvalidInputException {
            switch (change.kind()) {
                case TRUNCATE -> {
                    rows.clear();
                    latest = null;
                    replaceAll = true;
                    emptied = true;
                }
                case DELETE -> {
                    Object[] values = mapper.values(change.before());
                    rows.add(TableChanges.RowChange.delete(values));
                    remember(key(values, keyAt), null);
                }
                case UPSERT -> upsert(change);
                default -> throw new IllegalStateException("unknown change kind " + change.kind());
            }
        }

        private void upsert(SourceChange change) throws UnknownAssetException, InvalidInputException {
            Object[] values = mapper.values(change.after());
            boolean toasted = mapper.lastHadUnavailable();
            Object key = key(values, keyAt);
            if (change.before() != null) {
                Object[] old = mapper.values(change.before());
                if (!mapper.lastHadUnavailable()) {
                    Object oldKey = key(old, keyAt);
                    if (!oldKey.equals(key)) {
                        rows.add(TableChanges.RowChange.delete(old));
                        remember(oldKey, null);
                    }
                }
            }
            if (toasted) {
                carryUnavailableValues(change.after(), values, key);
            }
            rows.add(TableChanges.RowChange.upsert(values));
            remember(key, values);
        }

        private void remember(Object key, Object[] values) {
            if (latest != null) {
                latest.put(key, values);
            }
        }

        /** {@link #latest}, built from the rows so far when it is first needed. */
        private Map<Object, Object[]> latest() {
            if (latest == null) {
                latest = new HashMap<>();
                for (TableChanges.RowChange row : rows) {
                    latest.put(
                            key(row.values(), keyAt),
                            row.kind() == TableChanges.RowChange.Kind.DELETE ? null : row.values());
                }
            }
            return latest;
        }

        /** Fills the values Debezium marked unavailable (TOASTed, unchanged) from the key's newest or stored row. */
        private void carryUnavailableValues(Struct after, Object[] values, Object key)
                throws UnknownAssetException, InvalidInputException {
            Map<Object, Object[]> newest = latest();
            Object[] previous = newest.containsKey(key) ? newest.get(key) : emptied ? null : stored.of(values);
            for (Field field : after.schema().fields()) {
                if (ChangeValues.isUnavailable(after.get(field))) {
                    int at = position.get(field.name());
                    values[at] = previous == null ? null : previous[at];
                }
            }
        }
    }

    /** The asset's NOT NULL columns outside the key that a change of {@code source}'s schema lacks. */
    private static List<String> goneRequiredColumns(
            AssetSchema asset, CdcTable table, org.apache.kafka.connect.data.Schema source) {
        return asset.columns().stream()
                .filter(c ->
                        !c.nullable() && !c.primaryKey() && !table.keyColumns().contains(c.name()))
                .map(ColumnSpec::name)
                .filter(name -> source.field(name) == null)
                .toList();
    }

    /** The row the asset holds for the key of {@code values} (for a TOASTed value an update left alone). */
    /**
     * The first page holding the stored row of {@code where}'s key in the asset's current snapshot. A compaction and
     * a snapshot expiry committing while the lookup reads can expire the snapshot it began on: it reads the new
     * current snapshot then, up to {@value #LOOKUP_ATTEMPTS} times, instead of stopping the stream.
     */
    private RowPage storedPage(CdcTable table, List<RowPredicate> where)
            throws UnknownAssetException, InvalidInputException {
        for (int attempt = 1; ; attempt++) {
            try {
                RowPage page = tables.rows(table.assetId(), List.of(), where, 1, null, null, LOOKUP_MAX_BYTES);
                // A page the scan budget cut short may be empty and yet not the last: only its cursor says so.
                while (page.rows().isEmpty() && page.next() != null) {
                    page = tables.rows(table.assetId(), List.of(), where, 1, page.next(), null, LOOKUP_MAX_BYTES);
                }
                return page;
            } catch (SnapshotExpiredException e) {
                if (attempt == LOOKUP_ATTEMPTS) {
                    throw new IllegalStateException(
                            "Cannot read the stored row of a TOASTed value: " + e.getMessage(), e);
                }
            } catch (ResponseTooLargeException e) {
                throw new IllegalStateException("Cannot read the stored row of a TOASTed value: " + e.getMessage(), e);
            }
        }
    }

    private Object[] stored(CdcTable table, List<Column> columns, Object[] values, Map<String, Integer> position)
            throws UnknownAssetException, InvalidInputException {
        List<RowPredicate> where = new ArrayList<>();
        for (String key : table.keyColumns()) {
            int at = position.get(key);
            Object value = values[at];
            where.add(
                    value == null
                            ? new RowPredicate(key, RowPredicate.Operator.IS_NULL, List.of())
                            : new RowPredicate(
                                    key,
                                    RowPredicate.Operator.EQ,
                                    List.of(Values.format(columns.get(at).type(), value))));
        }
        RowPage page = storedPage(table, where);
        if (page.rows().isEmpty()) {
            return null;
        }
        Object[] found = page.rows().get(0);
        Object[] aligned = new Object[columns.size()];
        for (int i = 0; i < page.columns().size(); i++) {
            Integer at = position.get(page.columns().get(i).name());
            if (at != null) {
                aligned[at] = found[i];
            }
        }
        return aligned;
    }

    /**
     * Maps structs to rows of the asset's columns. Structs of one schema share their field-to-column
     * positions and value conversions, decided once per schema (not per value) in a batch.
     */
    private static final class RowMapper {
        private final String source;
        private final CdcTable table;
        private final int width;
        private final Map<String, Integer> position;
        private final Map<String, ColumnType> types;
        /** The asset's columns before this batch added any. */
        private final Set<String> stored;

        private final UnstorableValues unstorable;
        private final Map<org.apache.kafka.connect.data.Schema, Mapping> bySchema = new IdentityHashMap<>();
        /** The schema of the last struct mapped and its mapping: a run of changes shares one, found without a look-up. */
        private org.apache.kafka.connect.data.Schema lastSchema;

        private Mapping lastMapping;
        private boolean lastHadUnavailable;

        private record Mapping(Field[] fields, int[] at, ChangeValues.Converter[] converters) {}

        /** @param source the stream (or initial snapshot) the changes come from, for messages */
        RowMapper(
                String source,
                CdcTable table,
                int width,
                Map<String, Integer> position,
                Map<String, ColumnType> types,
                Set<String> stored,
                UnstorableValues unstorable) {
            this.source = source;
            this.table = table;
            this.width = width;
            this.position = position;
            this.types = types;
            this.stored = stored;
            this.unstorable = unstorable;
        }

        Object[] values(Struct struct) {
            org.apache.kafka.connect.data.Schema schema = struct.schema();
            if (schema != lastSchema || lastMapping == null) {
                lastMapping = bySchema.computeIfAbsent(schema, this::mapping);
                lastSchema = schema;
            }
            Mapping mapping = lastMapping;
            Object[] values = new Object[width];
            boolean unavailable = false;
            Field[] fields = mapping.fields();
            for (int i = 0; i < fields.length; i++) {
                Object value = struct.get(fields[i]);
                if (value == null) {
                    continue;
                }
                if (ChangeValues.isUnavailable(value)) {
                    unavailable = true;
                } else {
                    try {
                        values[mapping.at()[i]] = mapping.converters()[i].convert(value);
                    } catch (UnstorableValueException e) {
                        values[mapping.at()[i]] = unstorable.replace(fields[i].name(), e);
                    }
                }
            }
            lastHadUnavailable = unavailable;
            return values;
        }

        /** Whether the struct the last {@link #values} mapped held a TOAST placeholder (left null in the row). */
        boolean lastHadUnavailable() {
            return lastHadUnavailable;
        }

        private Mapping mapping(org.apache.kafka.connect.data.Schema schema) {
            List<Field> list = schema.fields();
            Field[] fields = list.toArray(new Field[0]);
            int[] at = new int[fields.length];
            ChangeValues.Converter[] converters = new ChangeValues.Converter[fields.length];
            for (int i = 0; i < fields.length; i++) {
                at[i] = position.get(fields[i].name());
                try {
                    converters[i] = ChangeValues.isBitVarying(fields[i].schema())
                            ? earlierBuildsBitVarying(fields[i])
                            : ChangeValues.converter(fields[i].schema(), types.get(fields[i].name()));
                } catch (SourceTypeChangeException e) {
                    throw new SourceTypeChangedFailure(source, table.sourceTable(), fields[i].name(), e);
                }
            }
            return new Mapping(fields, at, converters);
        }

        /**
         * A {@code bit varying} column the asset had before this batch: a stream an earlier build created (which
         * accepted the type) goes on storing Debezium's value as that build did, with a WARNING once per column and
         * server run. One the source added now stops the stream.
         */
        private ChangeValues.Converter earlierBuildsBitVarying(Field field) {
            if (!stored.contains(field.name())) {
                throw new BitVaryingFailure(source, table.sourceTable(), field.name());
            }
            if (WARNED_BIT_VARYING.add(source + "/" + table.sourceTable() + "/" + field.name())) {
                LOG.warning(() -> source + ", table " + table.sourceTable() + ", column " + field.name()
                        + ": bit varying, which this stream (created by an earlier build) goes on storing as Debezium"
                        + " sends it, without its leading zeros (B'0011' as B'11'); change the column's type in the"
                        + " source (bit(n) or text) and recreate the stream to store it exactly (docs/cdc.md, Types)");
            }
            return ChangeValues.earlierBuildsBitVarying(field.schema(), types.get(field.name()));
        }
    }

    /** The row's key: the value itself for a one-column key (bytes compared by content), else a list. */
    private static Object key(Object[] values, int[] keyAt) {
        if (keyAt.length == 1) {
            Object value = values[keyAt[0]];
            return value instanceof byte[] b ? ByteBuffer.wrap(b) : value == null ? NULL_KEY : value;
        }
        List<Object> key = new ArrayList<>(keyAt.length);
        for (int at : keyAt) {
            Object value = values[at];
            key.add(value instanceof byte[] b ? ByteBuffer.wrap(b) : value);
        }
        return key;
    }

    /** The key of a row whose one key column is null (a HashMap key must not be null here: null means deleted). */
    private static final Object NULL_KEY = new Object();
}
