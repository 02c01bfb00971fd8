package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.job.JobRun;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.web.graphql.dto.Asset;
import coop.cpc.lakehouse.web.graphql.dto.AssetType;
import coop.cpc.lakehouse.web.graphql.dto.Classification;
import coop.cpc.lakehouse.web.graphql.dto.Column;
import coop.cpc.lakehouse.web.graphql.dto.ColumnInput;
import coop.cpc.lakehouse.web.graphql.dto.IngestionJob;
import coop.cpc.lakehouse.web.graphql.dto.JobExecution;
import coop.cpc.lakehouse.web.graphql.dto.JobStatus;
import coop.cpc.lakehouse.web.graphql.dto.LineageDirection;
import coop.cpc.lakehouse.web.graphql.dto.LineageEdge;
import coop.cpc.lakehouse.web.graphql.dto.LineageGraph;
import coop.cpc.lakehouse.web.graphql.dto.LineageNode;
import coop.cpc.lakehouse.web.graphql.dto.LineageNodeKind;
import coop.cpc.lakehouse.web.graphql.dto.MissedTick;
import coop.cpc.lakehouse.web.graphql.dto.MissedTickOutcome;
import coop.cpc.lakehouse.web.graphql.dto.PiiCategory;
import coop.cpc.lakehouse.web.graphql.dto.ScheduleKind;
import coop.cpc.lakehouse.web.graphql.dto.SourceType;
import coop.cpc.lakehouse.web.graphql.dto.StepExecution;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Maps between the domain and the API's records, and between their enums by name. */
final class Assembler {
    private Assembler() {}

    static Asset asset(DataAsset asset) {
        List<Column> columns = AssetSchema.fromJson(asset.getSchema()).columns().stream()
                .map(c -> new Column(
                        c.name(), c.type().name(), c.nullable(), c.primaryKey(), byName(c.pii(), PiiCategory.class)))
                .toList();
        return new Asset(
                asset.getId().toString(),
                asset.getNamespace(),
                asset.getName(),
                asset.getDescription(),
                byName(asset.getAssetType(), AssetType.class),
                asset.getStorageFormat().name(),
                byName(asset.getClassification(), Classification.class),
                columns,
                asset.getPrimaryKey(),
                asset.getSortOrder(),
                asset.getTags(),
                asset.getCurrentSnapshotId() == null
                        ? null
                        : asset.getCurrentSnapshotId().toString(),
                asset.getRowCount(),
                asset.getByteSize(),
                time(asset.getCreatedAt()),
                time(asset.getUpdatedAt()),
                asset.getVersion());
    }

    static IngestionJob job(coop.cpc.lakehouse.catalog.job.IngestionJob job) {
        return job(job, null);
    }

    /** The job with the last tick of its schedule that started no run, or null for none. */
    static IngestionJob job(
            coop.cpc.lakehouse.catalog.job.IngestionJob job, coop.cpc.lakehouse.application.job.MissedTick missed) {
        return new IngestionJob(
                job.getId().toString(),
                job.getName(),
                byName(job.getSourceType(), SourceType.class),
                job.getTargetAssetId() == null ? null : job.getTargetAssetId().toString(),
                byName(job.getSchedule(), ScheduleKind.class),
                job.getScheduleExpression(),
                byName(job.getStatus(), JobStatus.class),
                job.getLastExecutionId(),
                time(job.getLastRunAt()),
                time(job.getNextRunAt()),
                missed == null
                        ? null
                        : new MissedTick(
                                time(missed.at()), byName(missed.outcome(), MissedTickOutcome.class), missed.reason()),
                job.getRowsIngested(),
                job.getErrorCount(),
                job.getMaxErrors(),
                time(job.getCreatedAt()),
                job.getChunkSize(),
                job.getVersion(),
                coop.cpc.lakehouse.application.source.registry.SourceSettingsJson.forDisplay(job.getSourceConfig()));
    }

    static JobExecution execution(JobRun run) {
        List<StepExecution> steps = run.steps() == null
                ? List.of()
                : run.steps().stream()
                        .map(s -> new StepExecution(
                                s.name(),
                                s.batchStatus(),
                                s.readCount(),
                                s.writeCount(),
                                s.skipCount(),
                                s.commitCount(),
                                s.rollbackCount(),
                                s.filterCount(),
                                s.expectedReadCount()))
                        .toList();
        return new JobExecution(
                String.valueOf(run.executionId()),
                String.valueOf(run.jobInstanceId()),
                run.jobId().toString(),
                run.batchStatus(),
                run.exitStatus(),
                run.trigger(),
                run.restartOf() == null ? null : run.restartOf().toString(),
                run.interrupted(),
                time(run.startedAt()),
                time(run.endedAt()),
                run.rejectsFile(),
                steps);
    }

    static LineageGraph lineage(coop.cpc.lakehouse.application.lineage.LineageGraph graph) {
        List<LineageNode> nodes = graph.nodes().stream()
                .map(n -> new LineageNode(n.id(), byName(n.kind(), LineageNodeKind.class), n.name()))
                .toList();
        List<LineageEdge> edges = graph.edges().stream()
                .map(e -> new LineageEdge(
                        e.id().toString(),
                        e.from(),
                        e.to(),
                        e.transformation(),
                        e.jobId() == null ? null : e.jobId().toString(),
                        e.executionId() == null ? null : e.executionId().toString(),
                        e.columnMappingsJson() == null ? "[]" : e.columnMappingsJson(),
                        time(e.createdAt()),
                        e.runs(),
                        e.lastExecutionId() == null ? null : e.lastExecutionId().toString(),
                        time(e.lastRecordedAt())))
                .toList();
        return new LineageGraph(nodes, edges, graph.truncated());
    }

    static coop.cpc.lakehouse.application.lineage.LineageDirection direction(LineageDirection direction) {
        return direction == null
                ? coop.cpc.lakehouse.application.lineage.LineageDirection.UPSTREAM
                : byName(direction, coop.cpc.lakehouse.application.lineage.LineageDirection.class);
    }

    static coop.cpc.lakehouse.catalog.job.ScheduleKind schedule(ScheduleKind schedule) {
        return byName(schedule, coop.cpc.lakehouse.catalog.job.ScheduleKind.class);
    }

    static List<ColumnSpec> columns(List<ColumnInput> inputs) throws InvalidInputException {
        return columns("columns", inputs);
    }

    /** @param field the input field, named when the list holds a null */
    static List<ColumnSpec> columns(String field, List<ColumnInput> inputs) throws InvalidInputException {
        if (inputs == null) {
            return null;
        }
        List<ColumnSpec> columns = new ArrayList<>();
        for (ColumnInput input : inputs) {
            if (input == null) {
                throw new InvalidInputException(field + " must not contain null");
            }
            columns.add(new ColumnSpec(
                    input.name() == null ? "" : input.name(),
                    ColumnType.parse(input.name(), input.type()),
                    input.nullable() == null || input.nullable(),
                    input.primaryKey() != null && input.primaryKey(),
                    byName(input.pii(), coop.cpc.lakehouse.application.asset.PiiCategory.class)));
        }
        return columns;
    }

    static coop.cpc.lakehouse.catalog.asset.AssetType assetType(AssetType type) {
        return byName(type, coop.cpc.lakehouse.catalog.asset.AssetType.class);
    }

    static coop.cpc.lakehouse.catalog.asset.Classification classification(Classification classification) {
        return byName(classification, coop.cpc.lakehouse.catalog.asset.Classification.class);
    }

    static coop.cpc.lakehouse.catalog.job.JobStatus status(JobStatus status) {
        return byName(status, coop.cpc.lakehouse.catalog.job.JobStatus.class);
    }

    /**
     * The constant of {@code type} named as {@code value} (null for null): the API's enums mirror the
     * domain's constant for constant (EnumMirrorsTest), so that the schema stays the API's own.
     */
    static <E extends Enum<E>> E byName(Enum<?> value, Class<E> type) {
        return value == null ? null : Enum.valueOf(type, value.name());
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
