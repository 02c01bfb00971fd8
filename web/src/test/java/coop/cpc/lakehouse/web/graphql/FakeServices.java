package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.asset.AssetChanges;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.AssetService;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.asset.StaleVersionException;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.audit.AuditExport;
import coop.cpc.lakehouse.application.audit.AuditService;
import coop.cpc.lakehouse.application.audit.AuditVerification;
import coop.cpc.lakehouse.application.job.ExecutionFilter;
import coop.cpc.lakehouse.application.job.ExecutionPage;
import coop.cpc.lakehouse.application.job.IngestionJobChanges;
import coop.cpc.lakehouse.application.job.IngestionJobService;
import coop.cpc.lakehouse.application.job.JobRun;
import coop.cpc.lakehouse.application.job.JobStateException;
import coop.cpc.lakehouse.application.job.MissedTick;
import coop.cpc.lakehouse.application.job.NewIngestionJob;
import coop.cpc.lakehouse.application.job.StepRun;
import coop.cpc.lakehouse.application.job.UnknownIngestionJobException;
import coop.cpc.lakehouse.application.job.UnknownJobExecutionException;
import coop.cpc.lakehouse.application.lineage.LineageDirection;
import coop.cpc.lakehouse.application.lineage.LineageGraph;
import coop.cpc.lakehouse.application.lineage.LineageService;
import coop.cpc.lakehouse.application.table.AsOf;
import coop.cpc.lakehouse.application.table.ChangeCursor;
import coop.cpc.lakehouse.application.table.ChangePage;
import coop.cpc.lakehouse.application.table.CommitResult;
import coop.cpc.lakehouse.application.table.CommitWork;
import coop.cpc.lakehouse.application.table.CompactionResult;
import coop.cpc.lakehouse.application.table.ExpiryResult;
import coop.cpc.lakehouse.application.table.IncomingColumn;
import coop.cpc.lakehouse.application.table.MultiCommitResult;
import coop.cpc.lakehouse.application.table.RowCursor;
import coop.cpc.lakehouse.application.table.RowPage;
import coop.cpc.lakehouse.application.table.RowPredicate;
import coop.cpc.lakehouse.application.table.SegmentFolderRefusedException;
import coop.cpc.lakehouse.application.table.StagedChanges;
import coop.cpc.lakehouse.application.table.StorageNotOwnedException;
import coop.cpc.lakehouse.application.table.TableChanges;
import coop.cpc.lakehouse.application.table.TableService;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.asset.AssetCursor;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.catalog.storage.StorageVerdict;
import coop.cpc.lakehouse.columnar.Column;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The application services behind the GraphQL API, faked in memory for the golden tests: a small,
 * fixed catalog (two assets, one job with one run, a lineage edge, two audit entries) with fixed ids
 * and times, so that a response is the same on every run. Mutations change it; {@link #reset()}
 * puts it back before every case.
 */
final class FakeServices {
    static final UUID VITALS = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
    static final UUID TRIAL = UUID.fromString("00000000-0000-4000-8000-0000000000a2");
    static final UUID JOB = UUID.fromString("00000000-0000-4000-8000-0000000000b1");
    static final UUID SNAPSHOT = UUID.fromString("00000000-0000-4000-8000-0000000000c1");
    static final UUID EDGE = UUID.fromString("00000000-0000-4000-8000-0000000000d1");
    /** The catalog that marked the segment folder rows of {@link #TRIAL} would be written to (not this one). */
    static final UUID OTHER_CATALOG = UUID.fromString("00000000-0000-4000-8000-0000000000f2");
    /** This catalog's id. */
    static final UUID THIS_CATALOG = UUID.fromString("00000000-0000-4000-8000-0000000000f1");

    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    static final long EXECUTION = 41;
    /** An execution that failed reading an HTTP source: its exit status names the source's URL. */
    static final long FAILED_EXECUTION = 42;

    static final String FAILED_EXIT_STATUS = "cannot read the source: GET https://api.partner.example/v1/visits"
            + " (page 1) returned HTTP 503; restart to resume";

    final Map<UUID, DataAsset> assets = new LinkedHashMap<>();
    final Map<UUID, List<Object[]>> rows = new LinkedHashMap<>();
    final Map<UUID, IngestionJob> jobs = new LinkedHashMap<>();
    /** The last tick of each job's schedule that started no run (the schedules' memory). */
    final Map<UUID, MissedTick> missedTicks = new LinkedHashMap<>();

    final List<AuditLogEntry> audit = new ArrayList<>();
    /** What the web layer reported to the audit trail as refused ("operation action code"). */
    final List<String> refusals = new ArrayList<>();

    private int created;

    void reset() {
        assets.clear();
        rows.clear();
        jobs.clear();
        missedTicks.clear();
        audit.clear();
        refusals.clear();
        created = 0;
        DataAsset vitals = asset(
                VITALS,
                "health",
                "vitals",
                Classification.CONFIDENTIAL,
                List.of(
                        new ColumnSpec("id", new ColumnType("int64"), false, true, PiiCategory.NONE),
                        new ColumnSpec("heart_rate", new ColumnType("int32"), true, false, PiiCategory.NONE)));
        vitals.setTags(List.of("clinical"));
        vitals.setPrimaryKey(List.of("id"));
        vitals.setDescription("Heart rates by visit");
        vitals.commitSnapshot(SNAPSHOT, 2, 2048);
        rows.put(VITALS, new ArrayList<>(List.of(new Object[] {1L, 72}, new Object[] {2L, null})));
        asset(
                TRIAL,
                "research",
                "trial",
                Classification.PHI,
                List.of(new ColumnSpec("subject", new ColumnType("string"), false, true, PiiCategory.NONE)));
        IngestionJob job = new IngestionJob(
                "vitals_nightly",
                SourceType.POSTGRES_TABLE,
                "{\"type\":\"POSTGRES_TABLE\",\"jdbcUrl\":\"jdbc:postgresql://127.0.0.1:5432/clinic\","
                        + "\"table\":\"vitals\",\"credentialsAlias\":\"clinic\"}",
                VITALS,
                "it-user");
        set(job, "id", JOB);
        set(job, "createdAt", T0);
        set(job, "updatedAt", T0);
        job.started(EXECUTION, T0.plusSeconds(60));
        job.finished(JobStatus.SUCCEEDED, 2, 0);
        set(job, "lastRunAt", T0.plusSeconds(60));
        jobs.put(JOB, job);
        missedTicks.put(
                JOB,
                new MissedTick(
                        T0.plusSeconds(120),
                        MissedTick.Outcome.FAILED,
                        "cannot reach the source: connection to 127.0.0.1:5432 refused"));
        audit.add(new AuditLogEntry(
                UUID.fromString("00000000-0000-4000-8000-0000000000e1"),
                T0,
                "p-7f3a",
                "admin",
                AuditPurpose.USER_VIEW,
                AuditAction.WRITE,
                "asset",
                VITALS.toString(),
                AuditOutcome.SUCCESS,
                "127.0.0.0",
                "{\"operation\":\"createAsset\"}",
                null,
                "h1"));
        audit.add(new AuditLogEntry(
                UUID.fromString("00000000-0000-4000-8000-0000000000e2"),
                T0.plusSeconds(1),
                "p-7f3a",
                "viewer",
                AuditPurpose.USER_VIEW,
                AuditAction.READ,
                "table",
                VITALS.toString(),
                AuditOutcome.DENIED,
                "127.0.0.0",
                "{\"error\":\"forbidden\"}",
                "h1",
                "h2"));
    }

    private DataAsset asset(
            UUID id, String namespace, String name, Classification classification, List<ColumnSpec> columns) {
        DataAsset asset;
        try {
            asset = new DataAsset(
                    namespace,
                    name,
                    AssetType.STRUCTURED,
                    classification,
                    AssetSchema.of(columns).toJson());
        } catch (InvalidInputException e) {
            throw new IllegalStateException(e);
        }
        set(asset, "id", id);
        set(asset, "createdAt", T0);
        set(asset, "updatedAt", T0);
        assets.put(id, asset);
        return asset;
    }

    /** Fixed ids and times where the entities choose them themselves. */
    static void set(Object entity, String field, Object value) {
        try {
            Field f = declared(entity.getClass(), field);
            f.setAccessible(true);
            f.set(entity, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot set " + field + " of " + entity.getClass().getSimpleName(), e);
        }
    }

    /** The field of that name in the class or, as for a mapped superclass's id and times, one it extends. */
    private static Field declared(Class<?> type, String field) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(field);
            } catch (NoSuchFieldException notHere) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(field);
    }

    DataAsset asset(UUID id) throws UnknownAssetException {
        DataAsset asset = assets.get(id);
        if (asset == null) {
            throw new UnknownAssetException("with id " + id);
        }
        return asset;
    }

    IngestionJob job(UUID id) throws UnknownIngestionJobException {
        IngestionJob job = jobs.get(id);
        if (job == null) {
            throw new UnknownIngestionJobException(id);
        }
        return job;
    }

    JobRun run(long executionId, String status) throws UnknownJobExecutionException {
        if (executionId == FAILED_EXECUTION) {
            return new JobRun(
                    FAILED_EXECUTION,
                    7,
                    JOB,
                    "FAILED",
                    FAILED_EXIT_STATUS,
                    "MANUAL",
                    null,
                    false,
                    T0.plusSeconds(60),
                    T0.plusSeconds(62),
                    List.of(new StepRun("ingest", "FAILED", 0, 0, 0, 0, 1, 0, null)),
                    null);
        }
        if (executionId != EXECUTION) {
            throw new UnknownJobExecutionException(executionId);
        }
        return new JobRun(
                EXECUTION,
                7,
                JOB,
                status,
                status,
                "MANUAL",
                null,
                false,
                T0.plusSeconds(60),
                status.equals("COMPLETED") ? T0.plusSeconds(75) : null,
                List.of(new StepRun("ingest", status, 2, 2, 0, 1, 0, 0, null)),
                null);
    }

    final AssetService assetService = new AssetService() {
        @Override
        public DataAsset get(UUID id) throws UnknownAssetException {
            return asset(id);
        }

        @Override
        public DataAsset get(String namespace, String name) throws UnknownAssetException {
            return assets.values().stream()
                    .filter(a ->
                            a.getNamespace().equals(namespace) && a.getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new UnknownAssetException(namespace + "." + name));
        }

        @Override
        public Page<DataAsset> list(String namespace, List<String> tags, AssetCursor after, int first) {
            List<DataAsset> found = assets.values().stream()
                    .filter(a -> namespace == null || a.getNamespace().equals(namespace))
                    .filter(a -> tags == null || List.of(a.getTags()).containsAll(tags))
                    .sorted(Comparator.comparing(DataAsset::getNamespace).thenComparing(DataAsset::getName))
                    .filter(a -> after == null
                            || (a.getNamespace() + "." + a.getName()).compareTo(after.namespace() + "." + after.name())
                                    > 0)
                    .toList();
            return Page.of(found.subList(0, Math.min(found.size(), first + 1)), first);
        }

        @Override
        public DataAsset create(NewAsset asset) throws InvalidInputException, AssetAlreadyExistsException {
            if (assets.values().stream()
                    .anyMatch(a -> a.getNamespace().equals(asset.namespace())
                            && a.getName().equals(asset.name()))) {
                throw new AssetAlreadyExistsException(asset.namespace(), asset.name());
            }
            UUID id = UUID.fromString(String.format("00000000-0000-4000-8000-0000000001%02d", ++created));
            DataAsset made = asset(
                    id,
                    asset.namespace(),
                    asset.name(),
                    asset.classification() == null ? Classification.INTERNAL : asset.classification(),
                    asset.columns());
            made.setDescription(asset.description());
            made.setTags(asset.tags() == null ? List.of() : asset.tags());
            return made;
        }

        @Override
        public DataAsset update(UUID id, AssetChanges changes) throws UnknownAssetException, StaleVersionException {
            DataAsset asset = asset(id);
            if (changes.expectedVersion() != null && changes.expectedVersion() != asset.getVersion()) {
                throw new StaleVersionException(changes.expectedVersion(), asset.getVersion());
            }
            if (changes.description() != null) {
                asset.setDescription(changes.description());
            }
            if (changes.tags() != null) {
                asset.setTags(changes.tags());
            }
            set(asset, "version", asset.getVersion() + 1);
            return asset;
        }

        @Override
        public Map<UUID, List<AssetSnapshot>> snapshots(List<UUID> ids, Integer last) {
            Map<UUID, List<AssetSnapshot>> found = new LinkedHashMap<>();
            for (UUID id : ids) {
                if (id.equals(VITALS)) {
                    AssetSnapshot first =
                            AssetSnapshot.first(VITALS, SnapshotOperation.APPEND, "{\"rowsAdded\":2}", JOB, EXECUTION);
                    set(first, "id", SNAPSHOT);
                    set(first, "committedAt", T0.plusSeconds(70));
                    found.put(id, List.of(first));
                }
            }
            return found;
        }

        @Override
        public Map<UUID, List<coop.cpc.lakehouse.catalog.segment.WebmSegment>> segments(List<UUID> ids, Integer last) {
            return Map.of();
        }

        @Override
        public List<AssetSnapshot> snapshotsBefore(
                coop.cpc.lakehouse.catalog.snapshot.SnapshotCursor before, Integer last) {
            return List.of();
        }

        @Override
        public List<coop.cpc.lakehouse.catalog.segment.WebmSegment> segmentsBefore(
                coop.cpc.lakehouse.catalog.segment.SegmentCursor before, Integer last) {
            return List.of();
        }

        @Override
        public void delete(UUID id) throws UnknownAssetException {
            asset(id);
            assets.remove(id);
        }
    };

    final TableService tableService = new TableService() {
        @Override
        public RowPage rows(
                UUID assetId,
                List<String> columns,
                List<RowPredicate> where,
                int first,
                RowCursor after,
                AsOf asOf,
                long maxBytes)
                throws UnknownAssetException, InvalidInputException {
            DataAsset asset = asset(assetId);
            AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
            List<Column> header = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            List<String> names = columns.isEmpty()
                    ? schema.columns().stream().map(ColumnSpec::name).toList()
                    : columns;
            for (String name : names) {
                int position =
                        schema.columns().stream().map(ColumnSpec::name).toList().indexOf(name);
                if (position < 0) {
                    throw new InvalidInputException("columns names " + name + ", which " + asset.getNamespace() + "."
                            + asset.getName() + " does not have");
                }
                ColumnSpec spec = schema.columns().get(position);
                header.add(new Column(spec.name(), spec.type().toColumnar(), spec.nullable()));
                positions.add(position);
            }
            List<Object[]> page = new ArrayList<>();
            for (Object[] row : rows.getOrDefault(assetId, List.of())) {
                page.add(positions.stream().map(p -> row[p]).toArray());
            }
            return new RowPage(
                    header, page.subList(0, Math.min(first, page.size())), asset.getCurrentSnapshotId(), null, 0);
        }

        @Override
        public CommitResult appendText(UUID assetId, List<IncomingColumn> columns, List<List<String>> values)
                throws UnknownAssetException, InvalidInputException {
            DataAsset asset = asset(assetId);
            if (values.size() > 10_000) {
                throw new InvalidInputException("at most 10000 rows per appendRows, not " + values.size());
            }
            if (assetId.equals(TRIAL)) {
                // As the table service refuses a write when another catalog marked the segment folder.
                throw new StorageNotOwnedException(new SegmentFolderRefusedException(
                        new StorageVerdict(StorageVerdict.Kind.FOREIGN, THIS_CATALOG, OTHER_CATALOG, null)));
            }
            UUID snapshot = UUID.fromString(String.format("00000000-0000-4000-8000-0000000002%02d", ++created));
            asset.commitSnapshot(snapshot, asset.getRowCount() + values.size(), asset.getByteSize());
            return new CommitResult(snapshot, 2, values.size(), asset.getRowCount(), 1);
        }

        @Override
        public ChangePage changes(
                UUID assetId, UUID fromSnapshot, UUID toSnapshot, int first, ChangeCursor after, long maxBytes) {
            throw new UnsupportedOperationException("not faked");
        }

        @Override
        public CommitResult upsertText(UUID assetId, List<IncomingColumn> columns, List<List<String>> rows) {
            throw new UnsupportedOperationException("not faked");
        }

        @Override
        public CommitResult deleteText(UUID assetId, List<List<String>> keys) {
            throw new UnsupportedOperationException("not faked");
        }

        @Override
        public CommitResult append(
                UUID assetId, List<Column> columns, List<Object[]> rows, UUID jobId, Long executionId) {
            throw new UnsupportedOperationException("not faked");
        }

        @Override
        public CommitResult upsert(
                UUID assetId, List<Column> columns, List<Object[]> rows, UUID jobId, Long executionId) {
            throw new UnsupportedOperationException("not faked");
        }

        @Override
        public CommitResult delete(UUID assetId, List<Object[]> keys, UUID jobId, Long executionId) {
            throw new UnsupportedOperationException("not faked");
        }

        @Override
        public StagedChanges stage(UUID assetId, TableChanges changes) {
            throw new UnsupportedOperationException("not faked");
        }

        @Override
        public <T> MultiCommitResult<T> commit(
                List<StagedChanges> staged, CommitWork<T> work, UUID jobId, Long executionId) {
            throw new UnsupportedOperationException("not faked");
        }

        @Override
        public <T> MultiCommitResult<T> commitChanges(
                Map<UUID, TableChanges> changes, CommitWork<T> work, UUID jobId, Long executionId) {
            throw new UnsupportedOperationException("not faked");
        }

        @Override
        public List<CommitResult> commitInCurrentTransaction(List<StagedChanges> staged, UUID jobId, Long executionId) {
            throw new UnsupportedOperationException("not faked");
        }

        @Override
        public void discard(List<StagedChanges> staged) {
            throw new UnsupportedOperationException("not faked");
        }

        @Override
        public CompactionResult compact(UUID assetId) {
            throw new UnsupportedOperationException("not faked");
        }

        @Override
        public long startCompaction(UUID assetId) {
            throw new UnsupportedOperationException("not faked");
        }

        @Override
        public ExpiryResult expireSnapshots(UUID assetId, Instant olderThan, int retainLast) {
            throw new UnsupportedOperationException("not faked");
        }

        @Override
        public long deleteExpiredSnapshots(Instant expiredBefore) {
            throw new UnsupportedOperationException("not faked");
        }
    };

    final LineageService lineageService = (assetId, direction, depth) -> {
        DataAsset asset = asset(assetId);
        if (depth < 1 || depth > 10) {
            throw new InvalidInputException("depth must be from 1 to 10, not " + depth);
        }
        String node = asset.getId().toString();
        String source = "postgresql://127.0.0.1:5432/clinic/vitals";
        List<LineageGraph.Node> nodes = List.of(
                new LineageGraph.Node(node, LineageGraph.NodeKind.ASSET, asset.getNamespace() + "." + asset.getName()),
                new LineageGraph.Node(source, LineageGraph.NodeKind.EXTERNAL, source));
        return direction == LineageDirection.DOWNSTREAM
                ? new LineageGraph(nodes.subList(0, 1), List.of(), false)
                : new LineageGraph(
                        nodes,
                        List.of(new LineageGraph.Edge(
                                EDGE,
                                source,
                                node,
                                "INGEST",
                                JOB,
                                EXECUTION,
                                null,
                                T0.plusSeconds(75),
                                1,
                                EXECUTION,
                                T0.plusSeconds(75))),
                        false);
    };

    final IngestionJobService jobService = new IngestionJobService() {
        @Override
        public IngestionJob get(UUID id) throws UnknownIngestionJobException {
            return job(id);
        }

        @Override
        public Page<IngestionJob> list(JobStatus status, TimeOrderCursor after, int first) {
            List<IngestionJob> found = jobs.values().stream()
                    .filter(j -> status == null || j.getStatus() == status)
                    .toList();
            return Page.of(found.subList(0, Math.min(found.size(), first + 1)), first);
        }

        @Override
        public IngestionJob create(NewIngestionJob job) {
            throw new UnsupportedOperationException("not faked");
        }

        @Override
        public IngestionJob update(UUID id, IngestionJobChanges changes) {
            throw new UnsupportedOperationException("not faked");
        }

        @Override
        public JobRun start(UUID id) throws UnknownIngestionJobException, JobStateException {
            IngestionJob job = job(id);
            if (job.getStatus() == JobStatus.RUNNING) {
                throw new JobStateException("job " + id + " is running already");
            }
            try {
                return run(EXECUTION, "STARTING");
            } catch (UnknownJobExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Map<UUID, MissedTick> missedTicks(Collection<UUID> jobIds) {
            Map<UUID, MissedTick> found = new LinkedHashMap<>(missedTicks);
            found.keySet().retainAll(jobIds);
            return found;
        }

        @Override
        public JobRun startScheduled(UUID id) throws UnknownIngestionJobException, JobStateException {
            return start(id);
        }

        @Override
        public JobRun stop(long executionId) throws UnknownJobExecutionException, JobStateException {
            run(executionId, "COMPLETED");
            throw new JobStateException("execution " + executionId + " is COMPLETED, not running");
        }

        @Override
        public ExecutionPage searchExecutions(ExecutionFilter filter, Long before, int first) {
            try {
                return new ExecutionPage(List.of(run(EXECUTION, "COMPLETED")), false, EXECUTION);
            } catch (UnknownJobExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public JobRun abandon(long executionId) throws UnknownJobExecutionException, JobStateException {
            run(executionId, "COMPLETED");
            throw new JobStateException("execution " + executionId + " is COMPLETED; only a stopped, failed or "
                    + "interrupted execution can be abandoned");
        }

        @Override
        public void delete(UUID id) throws UnknownIngestionJobException {
            jobs.remove(job(id).getId());
        }

        @Override
        public JobRun restart(long executionId) throws UnknownJobExecutionException, JobStateException {
            run(executionId, "COMPLETED");
            throw new JobStateException(
                    "execution " + executionId + " is COMPLETED: only a failed or stopped run restarts");
        }

        @Override
        public List<JobRun> executions(UUID jobId, int first) throws UnknownIngestionJobException {
            job(jobId);
            try {
                return List.of(run(EXECUTION, "COMPLETED"));
            } catch (UnknownJobExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public JobRun execution(long executionId) throws UnknownJobExecutionException {
            return run(executionId, "COMPLETED");
        }
    };

    final AuditService auditService = new AuditService() {
        @Override
        public Page<AuditLogEntry> search(AuditLogFilter filter, TimeOrderCursor after, int first)
                throws InvalidInputException {
            if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
                throw new InvalidInputException("from must be before to");
            }
            List<AuditLogEntry> found = audit.stream()
                    .filter(e -> filter.outcome() == null || e.getOutcome() == filter.outcome())
                    .filter(e -> filter.action() == null || e.getAction() == filter.action())
                    .sorted(Comparator.comparing(AuditLogEntry::getOccurredAt).reversed())
                    .toList();
            return Page.of(found.subList(0, Math.min(found.size(), first + 1)), first);
        }

        @Override
        public AuditExport export(AuditLogFilter filter, Consumer<AuditLogEntry> sink) {
            throw new UnsupportedOperationException("not faked");
        }

        @Override
        public AuditVerification verify(String publishedHead) {
            return AuditVerification.intact(audit.size());
        }
    };
}
