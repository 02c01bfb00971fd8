package coop.cpc.lakehouse.application.job.source;

import coop.cpc.lakehouse.catalog.job.SourceType;

/**
 * A watched folder: files matching {@code glob} (CSV with a header, NDJSON, a JSON array; each may
 * be gzipped) are claimed one by one and moved to {@code processed/} or {@code quarantine/}.
 *
 * @param directory the folder, inside one of the configured {@code local_source_roots}
 * @param glob      e.g. {@code *.csv} or {@code vitals-*.{ndjson,json.gz}}
 */
public record FileDropSource(String directory, String glob, Long maxFileBytes, Long maxDecompressedBytes)
        implements SourceDefinition {

    @Override
    public SourceType type() {
        return SourceType.FILE_DROP;
    }

    @Override
    public String batchJobName() {
        return "ingest-file-drop";
    }
}
