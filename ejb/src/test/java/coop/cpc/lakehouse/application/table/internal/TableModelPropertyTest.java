package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.table.AsOf;
import coop.cpc.lakehouse.application.table.ChangePage;
import coop.cpc.lakehouse.application.table.CommitConflictException;
import coop.cpc.lakehouse.application.table.CommitResult;
import coop.cpc.lakehouse.application.table.CommitWorkException;
import coop.cpc.lakehouse.application.table.CompactionCommit;
import coop.cpc.lakehouse.application.table.IncomingColumn;
import coop.cpc.lakehouse.application.table.RowChangeEvent;
import coop.cpc.lakehouse.application.table.RowPage;
import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SnapshotExpiredException;
import coop.cpc.lakehouse.application.table.SortOrder;
import coop.cpc.lakehouse.application.table.StagedChanges;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.application.table.TableChanges;
import coop.cpc.lakehouse.application.table.TableCommits;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Values;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model-based property test of the table format: random appends, upserts, deletes, mixed (CDC-like) commits,
 * truncates, racing writers (staged against one snapshot, committed in either order), compactions (also racing
 * with writers and with each other) and snapshot expiries, on real segment files and the real commit logic
 * over an in-memory catalog, against a plain in-memory model (expiries sometimes also delete the expired snapshot
 * rows no segment names). After EVERY step: the rows at every retained
 * snapshot (paged with random page sizes, sometimes filtered) equal the model's, an expired snapshot is
 * refused, the change feed between any two retained snapshots equals the model's, and the files on disk are
 * exactly those the catalog names.
 */
class TableModelPropertyTest {
    private static final int KEYS = 40;
    private static final int MAX_RETAINED = 4;
    /**
     * The racing compaction's target (the setting's least is 1,024; the plan and the rewrite take any): base segments
     * of a few rows are then full enough for it to keep.
     */
    private static final int RACING_TARGET_ROWS = 8;

    @TempDir
    Path root;

    private InMemoryCatalog catalog;
    private DefaultTableService service;
    private TableCommits commits;
    private SegmentFiles files;
    private UUID assetId;
    private Random random;
    private final List<String> schemaColumns = new ArrayList<>(List.of("id", "name", "amount"));
    /** Model: the state (key → column → text) after each snapshot, by sequence number; and its changes. */
    private final TreeMap<Long, ModelSnapshot> model = new TreeMap<>();

    private int opsRun;
    private int changeSegmentChecks;
    private long snapshotRowsDeleted;
    /** Keys above the random ones (0 to KEYS - 1), each inserted once, in increasing order (a CDC insert stream). */
    private long nextNewKey = 1_000;

    private int segmentsKept;

    record ModelSnapshot(UUID id, long sequence, Map<String, Map<String, String>> state, List<Object[]> events) {}

    /** Full check after every step: every retained snapshot's rows and the change feed between every two of them. */
    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L})
    void afterEveryStepEveryRetainedSnapshotAndEveryChangeFeedEqualTheModel(long seed) throws Exception {
        run(seed, Integer.getInteger("table.model.steps", 60), 1);
    }

    /**
     * Thousands of operations: after every step the rows of every retained snapshot and the feeds ending at the
     * newest snapshot; the feeds between every two retained snapshots after every expiry and every 20 steps.
     */
    @ParameterizedTest
    @ValueSource(longs = {11L})
    void thousandsOfRandomOperationsAgreeWithTheModel(long seed) throws Exception {
        run(seed, Integer.getInteger("table.model.long.steps", 1200), 20);
    }

    private void run(long seed, int steps, int fullEvery) throws Exception {
        setUp(seed);
        for (int step = 0; step < steps; step++) {
            Step chosen = choose(random.nextInt(100));
            chosen.action().run();
            boolean expiry = chosen == expireStep;
            opsRun++;
            // Bounds the snapshots a step verifies: an expiry keeping the newest few, verified like any other.
            if (model.values().stream().filter(s -> !expired(s)).count() > MAX_RETAINED) {
                service.expireSnapshots(assetId, Instant.parse("9999-01-01T00:00:00Z"), MAX_RETAINED);
                opsRun++;
                expiry = true;
            }
            verify("seed " + seed + ", step " + step + " (" + chosen.name() + ")", expiry || step % fullEvery == 0);
        }
        assertThat(opsRun).isGreaterThanOrEqualTo(steps);
        assertThat(changeSegmentChecks)
                .as("commits whose counted change segments were checked")
                .isPositive();
        if (steps >= 500) {
            assertThat(segmentsKept)
                    .as("base segments compactions kept (left live as they were)")
                    .isPositive();
            assertThat(snapshotRowsDeleted)
                    .as("expired snapshot rows deleted (and verified as expired since)")
                    .isPositive();
        }
    }

    /** One kind of random step: a draw below {@code below} (of 0..99) not taken by an earlier step picks it. */
    private record Step(int below, String name, StepAction action) {}

    @FunctionalInterface
    private interface StepAction {
        void run() throws Exception;
    }

    private final Step expireStep = new Step(90, "expire", this::expire);
    private final Step addColumnStep = new Step(92, "add column", this::addColumn);

    /** The steps in draw order; a draw past them all (or "add column" once the column exists) is an upsert. */
    private final List<Step> stepsByDraw = List.of(
            new Step(14, "upsert", () -> upsert(SnapshotOperation.UPSERT)),
            new Step(22, "append", () -> upsert(SnapshotOperation.APPEND)),
            new Step(30, "insert new keys", this::insertNewKeys),
            new Step(40, "delete", this::delete),
            new Step(50, "mixed", () -> mixed(false)),
            new Step(53, "truncate", () -> mixed(true)),
            new Step(61, "race", this::racingWriters),
            new Step(64, "failing work", this::failingWork),
            new Step(72, "compact", this::compact),
            new Step(82, "racing compaction", this::racingCompaction),
            expireStep,
            addColumnStep);

    private final Step upsertByDefault = new Step(100, "upsert", () -> upsert(SnapshotOperation.UPSERT));

    private Step choose(int draw) {
        for (Step step : stepsByDraw) {
            if (draw < step.below()) {
                boolean columnExists = step == addColumnStep && schemaColumns.contains("note");
                return columnExists ? upsertByDefault : step;
            }
        }
        return upsertByDefault;
    }

    private void setUp(long seed) throws Exception {
        random = new Random(seed);
        catalog = new InMemoryCatalog();
        files = new SegmentFiles(root);
        // The row-group cache is small, so entries are evicted while the model checks every read; the live-segment
        // cache is shared by every snapshot the model reads, expiries included: a stale list would show as wrong rows.
        service = TableServiceFixture.wired(
                catalog,
                files,
                Map.of(
                        "data_lakehouse.compaction_change_segments",
                        "100000",
                        "data_lakehouse.compaction_target_rows",
                        "1024"));
        commits = service.commits;
        AssetSchema schema = AssetSchema.of(List.of(
                new ColumnSpec("id", ColumnType.parse("id", "int64"), false, true, PiiCategory.NONE),
                new ColumnSpec("name", ColumnType.parse("name", "string"), true, false, PiiCategory.NONE),
                new ColumnSpec("amount", ColumnType.parse("amount", "decimal(12,2)"), true, false, PiiCategory.NONE)));
        assetId = TableServiceFixture.accounts(catalog, schema).getId();
    }

    // ---- operations (each also applied to the model)

    private void upsert(SnapshotOperation operation) throws Exception {
        List<String> columns = incomingColumns();
        List<List<String>> rows = new ArrayList<>();
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            rows.add(randomRow(columns));
        }
        CommitResult result = operation == SnapshotOperation.APPEND
                ? service.appendText(assetId, incoming(columns), rows)
                : service.upsertText(assetId, incoming(columns), rows);
        Map<String, Map<String, String>> state = copy(current().state());
        List<Object[]> events = new ArrayList<>();
        // One commit's net effect: the last row of a key in the request wins.
        Map<String, Map<String, String>> net = new LinkedHashMap<>();
        for (List<String> row : rows) {
            Map<String, String> mapped = toMap(columns, row);
            net.put(mapped.get("id"), mapped);
        }
        for (Map<String, String> row : net.values()) {
            applyUpsert(state, events, row);
        }
        record(result.snapshotId(), state, events);
    }

    /**
     * Rows of keys never seen before, above every earlier one: a later (racing) compaction keeps the base segments of
     * only such keys that are full enough.
     */
    private void insertNewKeys() throws Exception {
        List<String> columns = incomingColumns();
        List<List<String>> rows = new ArrayList<>();
        int n = 1 + random.nextInt(RACING_TARGET_ROWS);
        for (int i = 0; i < n; i++) {
            List<String> row = randomRow(columns);
            row.set(columns.indexOf("id"), String.valueOf(nextNewKey++));
            rows.add(row);
        }
        CommitResult result = service.upsertText(assetId, incoming(columns), rows);
        Map<String, Map<String, String>> state = copy(current().state());
        List<Object[]> events = new ArrayList<>();
        for (List<String> row : rows) {
            applyUpsert(state, events, toMap(columns, row));
        }
        record(result.snapshotId(), state, events);
    }

    private void delete() throws Exception {
        List<List<String>> keys = new ArrayList<>();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            keys.add(List.of(String.valueOf(random.nextInt(KEYS))));
        }
        CommitResult result = service.deleteText(assetId, keys);
        Map<String, Map<String, String>> state = copy(current().state());
        List<Object[]> events = new ArrayList<>();
        for (List<String> key : keys) {
            applyDelete(state, events, key.get(0));
        }
        record(result.snapshotId(), state, events);
    }

    /** A CDC-like commit: upserts and deletes of overlapping keys in one snapshot; the last change of a key wins. */
    private void mixed(boolean truncate) throws Exception {
        Staged staged = stageMixed(truncate);
        List<String> applied = new ArrayList<>();
        var result = service.commit(
                List.of(staged.changes()),
                results -> {
                    applied.add("offset stored");
                    return results.size();
                },
                null,
                null);
        assertThat(result.workResult()).isEqualTo(1);
        assertThat(applied).containsExactly("offset stored");
        applyStaged(staged, result.results().get(0).snapshotId());
    }

    private void racingWriters() throws Exception {
        Staged first = stageMixed(false);
        Staged second = stageMixed(false);
        boolean together = random.nextBoolean();
        if (together) {
            // Several changes (here: of one asset) and the caller's work in ONE commit.
            var result = service.commit(List.of(second.changes(), first.changes()), results -> "done", null, null);
            applyStaged(second, result.results().get(0).snapshotId());
            applyStaged(first, result.results().get(1).snapshotId());
        } else {
            // Staged against the same snapshot, committed in the other order: the later commit's changes are newer.
            CommitResult b = service.commit(List.of(second.changes()), null, null, null)
                    .results()
                    .get(0);
            applyStaged(second, b.snapshotId());
            CommitResult a = service.commit(List.of(first.changes()), null, null, null)
                    .results()
                    .get(0);
            applyStaged(first, a.snapshotId());
        }
    }

    private void failingWork() throws Exception {
        if (model.isEmpty()) {
            return;
        }
        Staged staged = stageMixed(false);
        int snapshotsBefore = catalog.snapshotRows.size();
        assertThatThrownBy(() -> service.commit(
                        List.of(staged.changes()),
                        results -> {
                            throw new IOException("offset store unavailable");
                        },
                        null,
                        null))
                .isInstanceOf(CommitWorkException.class);
        // The in-memory catalog has no transaction to roll back: restore what the container's rollback would.
        rollBackTo(snapshotsBefore);
        service.discard(List.of(staged.changes()));
    }

    private void compact() throws Exception {
        var result = service.compact(assetId);
        if (result.snapshotId() != null) {
            record(result.snapshotId(), copy(current().state()), List.of());
        }
    }

    /** A compaction planned at one snapshot, then writers (or another compaction, or a truncate) commit before it does. */
    private void racingCompaction() throws Exception {
        DataAsset asset = catalog.assets.find(assetId).orElseThrow();
        if (asset.getCurrentSnapshotId() == null) {
            return;
        }
        AssetSnapshot planned =
                catalog.snapshots.find(asset.getCurrentSnapshotId()).orElseThrow();
        List<WebmSegment> live = catalog.segments.findLiveAt(assetId, planned.getId());
        AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
        String schemaJson = asset.getSchema();
        Compactor compactor = new Compactor(files);
        CompactionPlan plan = CompactionPlan.of(live, DefaultTableService.keyColumns(schema), RACING_TARGET_ROWS);
        List<StagedSegment> written = compactor.rewrite(
                asset.getNamespace(),
                asset.getName(),
                schema.toColumnar(),
                plan.rewritten(),
                DefaultTableService.keyColumns(schema),
                RACING_TARGET_ROWS,
                SortOrder.none());
        int meanwhile = random.nextInt(4);
        boolean conflict = false;
        for (int i = 0; i < meanwhile; i++) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                mixed(true);
            } else if (kind == 1) {
                compact();
            } else if (kind < 6) {
                upsert(SnapshotOperation.UPSERT);
            } else {
                delete();
            }
        }
        // The contract: a compaction conflicts exactly when a segment it read or kept is no longer live or the schema
        // moved.
        conflict |= live.stream().anyMatch(g -> g.getRemovedSnapshotId() != null);
        conflict |= !catalog.assets.find(assetId).orElseThrow().getSchema().equals(schemaJson);
        List<UUID> kept = plan.kept().stream().map(WebmSegment::getId).toList();
        CompactionCommit compaction = new CompactionCommit(
                plan.rewritten().stream().map(WebmSegment::getId).toList(),
                kept,
                written,
                plan.outputSequence(planned.getSequenceNumber()));
        if (conflict) {
            assertThatThrownBy(() -> commits.recordCompaction(assetId, compaction, schemaJson))
                    .isInstanceOf(CommitConflictException.class);
            compactor.discard(written);
            return;
        }
        CommitResult result = commits.recordCompaction(assetId, compaction, schemaJson);
        segmentsKept += kept.size();
        if (!kept.isEmpty() && meanwhile == 0) {
            // The outputs joined the kept segments' data sequence: nothing is left to merge.
            assertThat(catalog.segments.findLiveAt(assetId, result.snapshotId()).stream()
                            .filter(g -> g.getKind() == coop.cpc.lakehouse.catalog.segment.SegmentKind.DATA)
                            .mapToLong(WebmSegment::getDataSequence)
                            .distinct()
                            .count())
                    .as("data sequences live after a compaction that kept segments")
                    .isEqualTo(1);
        }
        // Rebased: the changes committed meanwhile stay, newer than the compacted rows.
        record(result.snapshotId(), copy(current().state()), List.of());
    }

    private void expire() throws Exception {
        List<ModelSnapshot> retained =
                model.values().stream().filter(s -> !expired(s)).toList();
        if (retained.isEmpty()) {
            return;
        }
        int retainLast = 1 + random.nextInt(5);
        Instant olderThan = random.nextBoolean()
                ? Instant.parse("9999-01-01T00:00:00Z")
                : catalog.snapshots
                        .find(retained.get(random.nextInt(retained.size())).id())
                        .orElseThrow()
                        .getCommittedAt();
        service.expireSnapshots(assetId, olderThan, retainLast);
        if (random.nextBoolean()) {
            // The daily job's second half: expired rows no segment names go; reads of them stay refused as expired.
            snapshotRowsDeleted += service.deleteExpiredSnapshots(Instant.parse("9999-01-01T00:00:00Z"));
        }
    }

    private void addColumn() throws Exception {
        schemaColumns.add("note");
        upsert(SnapshotOperation.UPSERT);
    }

    // ---- staging helpers

    private record Staged(StagedChanges changes, List<Object[]> ops, boolean truncate, List<String> columns) {}

    private Staged stageMixed(boolean truncate) throws Exception {
        List<String> names = incomingColumns();
        List<Column> columns = new ArrayList<>();
        for (String name : names) {
            columns.add(column(name));
        }
        TableChanges.Builder builder = TableChanges.of(columns).operation(SnapshotOperation.CDC);
        if (truncate) {
            builder.replaceAll();
        }
        List<Object[]> ops = new ArrayList<>();
        int n = random.nextInt(truncate ? 4 : 10) + (truncate ? 0 : 1);
        for (int i = 0; i < n; i++) {
            List<String> row = randomRow(names);
            Object[] values = new Object[columns.size()];
            for (int c = 0; c < values.length; c++) {
                values[c] =
                        row.get(c) == null ? null : Values.parse(columns.get(c).type(), row.get(c));
            }
            boolean delete = !truncate && random.nextInt(3) == 0;
            if (delete) {
                builder.delete(values);
            } else {
                builder.upsert(values);
            }
            ops.add(new Object[] {delete, toMap(names, row)});
        }
        return new Staged(service.stage(assetId, builder.build()), ops, truncate, names);
    }

    @SuppressWarnings("unchecked")
    private void applyStaged(Staged staged, UUID snapshotId) {
        Map<String, Map<String, String>> state =
                staged.truncate() ? new LinkedHashMap<>() : copy(current().state());
        List<Object[]> events = new ArrayList<>();
        if (staged.truncate()) {
            for (Map<String, String> row : current().state().values()) {
                events.add(new Object[] {"DELETE", row, null});
            }
        }
        // The net effect per key (the last change wins), then applied: deleted keys, then upserted rows.
        Map<String, Object[]> net = new LinkedHashMap<>();
        for (Object[] op : staged.ops()) {
            Map<String, String> row = (Map<String, String>) op[1];
            net.put(row.get("id"), op);
        }
        for (Object[] op : net.values()) {
            if ((Boolean) op[0]) {
                applyDelete(state, events, ((Map<String, String>) op[1]).get("id"));
            }
        }
        for (Object[] op : net.values()) {
            if (!(Boolean) op[0]) {
                applyUpsert(state, events, (Map<String, String>) op[1]);
            }
        }
        record(snapshotId, state, events);
    }

    // ---- the model

    private void applyUpsert(Map<String, Map<String, String>> state, List<Object[]> events, Map<String, String> row) {
        Map<String, String> before = state.put(row.get("id"), row);
        events.add(new Object[] {before == null ? "INSERT" : "UPDATE", before, row});
    }

    private void applyDelete(Map<String, Map<String, String>> state, List<Object[]> events, String key) {
        Map<String, String> before = state.remove(key);
        if (before != null) {
            events.add(new Object[] {"DELETE", before, null});
        }
    }

    private String event(String kind, Map<String, String> before, Map<String, String> after) {
        return kind + " " + (before == null ? "-" : new TreeMap<>(before).toString()) + " -> "
                + (after == null ? "-" : new TreeMap<>(after).toString());
    }

    private void record(UUID snapshotId, Map<String, Map<String, String>> state, List<Object[]> events) {
        AssetSnapshot snapshot = catalog.snapshots.find(snapshotId).orElseThrow();
        assertThat(model.isEmpty() || snapshot.getSequenceNumber() > model.lastKey())
                .isTrue();
        model.put(
                snapshot.getSequenceNumber(),
                new ModelSnapshot(snapshotId, snapshot.getSequenceNumber(), state, events));
    }

    private static Map<String, Map<String, String>> copy(Map<String, Map<String, String>> state) {
        return new LinkedHashMap<>(state);
    }

    private ModelSnapshot current() {
        return model.isEmpty()
                ? new ModelSnapshot(null, 0, Map.of(), List.of())
                : model.lastEntry().getValue();
    }

    /** Expired, or deleted after it expired. */
    private boolean expired(ModelSnapshot snapshot) {
        return catalog.snapshots
                .find(snapshot.id())
                .map(AssetSnapshot::isExpired)
                .orElse(true);
    }

    private void rollBackTo(int snapshotsBefore) {
        List<UUID> added =
                catalog.snapshotRows.keySet().stream().skip(snapshotsBefore).toList();
        for (UUID id : added) {
            catalog.snapshotRows.remove(id);
        }
        catalog.segmentRows.removeIf(g -> added.contains(g.getAddedSnapshotId()));
        for (WebmSegment segment : catalog.segmentRows) {
            if (added.contains(segment.getRemovedSnapshotId())) {
                throw new AssertionError("a failed commit removed a segment; this test cannot undo it");
            }
        }
        DataAsset asset = catalog.assets.find(assetId).orElseThrow();
        ModelSnapshot last = current();
        if (last.id() != null) {
            asset.commitSnapshot(last.id(), asset.getRowCount(), asset.getByteSize());
        }
    }

    // ---- verification

    private void verify(String where, boolean allPairs) throws Exception {
        assertThat(catalog.assets.find(assetId).orElseThrow().getCurrentSnapshotId())
                .as(where + ": current snapshot")
                .isEqualTo(current().id());
        ChangeSegmentCounts.Count counted = service.changeSegments.counted(assetId);
        if (counted != null && counted.snapshotId().equals(current().id())) {
            assertThat(counted.changes())
                    .as(where + ": change segments counted from commit to commit")
                    .isEqualTo(MergeIndex.changeSegments(catalog.segments.findLiveAt(
                                    assetId, current().id()))
                            .size());
            changeSegmentChecks++;
        }
        List<ModelSnapshot> retained =
                model.values().stream().filter(s -> !expired(s)).toList();
        for (ModelSnapshot snapshot : retained) {
            assertThat(readAll(snapshot.id(), List.of()))
                    .as(where + ": rows at #" + snapshot.sequence())
                    .isEqualTo(expectedRows(snapshot.state(), null));
        }
        if (!retained.isEmpty()) {
            ModelSnapshot any = retained.get(random.nextInt(retained.size()));
            int bound = random.nextInt(KEYS);
            RowPredicate predicate = new RowPredicate("id", RowPredicate.Operator.GE, List.of(String.valueOf(bound)));
            assertThat(readAll(any.id(), List.of(predicate)))
                    .as(where + ": filtered rows at #" + any.sequence())
                    .isEqualTo(expectedRows(any.state(), bound));
        }
        model.values().stream()
                .filter(this::expired)
                .findAny()
                .ifPresent(gone -> assertThatThrownBy(() -> service.rows(
                                assetId, List.of(), List.of(), 10, null, new AsOf(gone.id(), null), Long.MAX_VALUE))
                        .as(where)
                        .isInstanceOf(SnapshotExpiredException.class)
                        .hasMessageContaining("expired"));
        boolean fromBeginning = model.values().stream().noneMatch(this::expired);
        List<ModelSnapshot> starts = new ArrayList<>(retained);
        if (fromBeginning) {
            starts.add(0, null);
        }
        for (ModelSnapshot from : starts) {
            for (ModelSnapshot to : allPairs ? retained : retained.subList(retained.size() - 1, retained.size())) {
                if (from != null && from.sequence() > to.sequence()) {
                    continue;
                }
                assertThat(feed(from, to))
                        .as(where + ": changes " + (from == null ? "start" : "#" + from.sequence()) + " .. #"
                                + to.sequence())
                        .isEqualTo(expectedFeed(from, to));
            }
        }
        assertThat(filesOnDisk())
                .as(where + ": files on disk are the catalog's")
                .isEqualTo(
                        catalog.segmentRows.stream().map(WebmSegment::getPath).collect(Collectors.toSet()));
    }

    private Map<String, Map<String, String>> readAll(UUID snapshotId, List<RowPredicate> where) throws Exception {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        int first = 1 + random.nextInt(12);
        RowPage page = service.rows(assetId, List.of(), where, first, null, new AsOf(snapshotId, null), Long.MAX_VALUE);
        while (true) {
            for (Object[] values : page.rows()) {
                Map<String, String> row = text(page.columns(), values);
                assertThat(rows.put(row.get("id"), row))
                        .as("key " + row.get("id") + " read twice")
                        .isNull();
            }
            if (page.next() == null) {
                return rows;
            }
            page = service.rows(assetId, List.of(), where, first, page.next(), null, Long.MAX_VALUE);
        }
    }

    private Map<String, Map<String, String>> expectedRows(Map<String, Map<String, String>> state, Integer minKey) {
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> entry : state.entrySet()) {
            if (minKey == null || Long.parseLong(entry.getKey()) >= minKey) {
                expected.put(entry.getKey(), full(entry.getValue()));
            }
        }
        return expected;
    }

    /** A model row over every current column (null for those it lacks). */
    private Map<String, String> full(Map<String, String> row) {
        if (row == null) {
            return null;
        }
        Map<String, String> full = new TreeMap<>();
        for (String column : schemaColumns) {
            full.put(column, row.get(column));
        }
        return full;
    }

    private List<String> feed(ModelSnapshot from, ModelSnapshot to) throws Exception {
        List<String> events = new ArrayList<>();
        int first = 1 + random.nextInt(20);
        ChangePage page =
                service.changes(assetId, from == null ? null : from.id(), to.id(), first, null, Long.MAX_VALUE);
        while (true) {
            for (RowChangeEvent event : page.changes()) {
                events.add(event.sequenceNumber() + " "
                        + event(
                                event.kind().name(),
                                text(page.columns(), event.before()),
                                text(page.columns(), event.after())));
            }
            if (page.next() == null) {
                break;
            }
            page = service.changes(assetId, null, null, first, page.next(), Long.MAX_VALUE);
        }
        return sortedWithinCommits(events);
    }

    /** A row read back (a page's values of its columns) as column → text, like the model's rows. */
    private static Map<String, String> text(List<Column> columns, Object[] values) {
        if (values == null) {
            return null;
        }
        Map<String, String> row = new TreeMap<>();
        for (int c = 0; c < values.length; c++) {
            row.put(
                    columns.get(c).name(),
                    values[c] == null ? null : Values.format(columns.get(c).type(), values[c]));
        }
        return row;
    }

    private List<String> expectedFeed(ModelSnapshot from, ModelSnapshot to) {
        List<String> events = new ArrayList<>();
        for (ModelSnapshot snapshot : model.subMap(from == null ? 0 : from.sequence(), false, to.sequence(), true)
                .values()) {
            for (Object[] event : snapshot.events()) {
                events.add(snapshot.sequence() + " " + event((String) event[0], full(event[1]), full(event[2])));
            }
        }
        return sortedWithinCommits(events);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> full(Object row) {
        return row == null ? null : full((Map<String, String>) row);
    }

    /** Commit order is compared exactly; the order of the changes within one commit is not part of the contract. */
    private static List<String> sortedWithinCommits(List<String> events) {
        return events.stream()
                .sorted((a, b) -> {
                    long sa = Long.parseLong(a.substring(0, a.indexOf(' ')));
                    long sb = Long.parseLong(b.substring(0, b.indexOf(' ')));
                    return sa != sb ? Long.compare(sa, sb) : a.compareTo(b);
                })
                .toList();
    }

    private Set<String> filesOnDisk() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.toAbsolutePath()
                            .normalize()
                            .relativize(p.toAbsolutePath().normalize())
                            .toString())
                    .collect(Collectors.toSet());
        }
    }

    // ---- random data

    private List<String> incomingColumns() {
        List<String> columns = new ArrayList<>(schemaColumns);
        // Sometimes a write leaves out a nullable column (once the asset has it): it is null in the rows written.
        String last = columns.get(columns.size() - 1);
        boolean inSchema = AssetSchema.fromJson(
                        catalog.assets.find(assetId).orElseThrow().getSchema())
                .column(last)
                .isPresent();
        if (inSchema && random.nextInt(5) == 0) {
            columns.remove(columns.size() - 1);
        }
        return columns;
    }

    private List<String> randomRow(List<String> columns) {
        List<String> row = new ArrayList<>();
        for (String column : columns) {
            row.add(
                    switch (column) {
                        case "id" -> String.valueOf(random.nextInt(KEYS));
                        case "name" ->
                            random.nextInt(6) == 0
                                    ? null
                                    : List.of("", "ada", "bob", "cy", "dée", "e f")
                                            .get(random.nextInt(6));
                        case "amount" ->
                            random.nextInt(6) == 0
                                    ? null
                                    : BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 2)
                                            .toPlainString();
                        case "note" -> random.nextInt(3) == 0 ? null : "n" + random.nextInt(100);
                        default -> throw new IllegalStateException(column);
                    });
        }
        return row;
    }

    private Map<String, String> toMap(List<String> columns, List<String> row) {
        Map<String, String> map = new TreeMap<>();
        for (String column : schemaColumns) {
            int at = columns.indexOf(column);
            map.put(column, at < 0 ? null : row.get(at));
        }
        return map;
    }

    private static List<IncomingColumn> incoming(List<String> columns) {
        return columns.stream().map(c -> new IncomingColumn(c, type(c))).toList();
    }

    private static Column column(String name) {
        return new Column(name, coop.cpc.lakehouse.columnar.ColumnType.parse(type(name)), !name.equals("id"));
    }

    private static String type(String column) {
        return switch (column) {
            case "id" -> "int64";
            case "name", "note" -> "string";
            case "amount" -> "decimal(12,2)";
            default -> throw new IllegalStateException(column);
        };
    }
}
