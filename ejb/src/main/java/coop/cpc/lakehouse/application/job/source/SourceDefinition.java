package coop.cpc.lakehouse.application.job.source;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import coop.cpc.lakehouse.catalog.job.SourceType;

/**
 * Where an ingestion job reads, as stored in {@code ingestion_jobs.source_config} (JSON with a
 * {@code kind} field). Credentials appear only as aliases, resolved when a run opens the source.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PostgresTableSource.class, name = "POSTGRES_TABLE"),
        @JsonSubTypes.Type(value = SledSource.class, name = "SLED"),
        @JsonSubTypes.Type(value = HttpApiSource.class, name = "HTTP_API"),
        @JsonSubTypes.Type(value = FileDropSource.class, name = "FILE_DROP")})
public sealed interface SourceDefinition permits PostgresTableSource, SledSource, HttpApiSource, FileDropSource {

    SourceType type();

    /** The Jakarta Batch job (XML in META-INF/batch-jobs) that runs this kind of source. */
    String batchJobName();
}
