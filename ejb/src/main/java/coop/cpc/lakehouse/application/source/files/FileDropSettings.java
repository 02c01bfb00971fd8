package coop.cpc.lakehouse.application.source.files;

import coop.cpc.lakehouse.application.source.SourceSettings;

/**
 * A watched folder: files matching {@code glob} (CSV with a header, NDJSON, a JSON array; each may
 * be gzipped) are claimed one by one and moved to {@code processed/} or {@code quarantine/}.
 *
 * @param directory the folder, inside one of the configured {@code local_source_roots}
 * @param glob      e.g. {@code *.csv} or {@code vitals-*.{ndjson,json.gz}}
 * @param maxRecordBytes longest record; null for the default (1 MiB)
 */
public record FileDropSettings(
        String directory, String glob, Long maxFileBytes, Long maxDecompressedBytes, Integer maxRecordBytes)
        implements SourceSettings {

    public FileDropSettings(String directory, String glob, Long maxFileBytes, Long maxDecompressedBytes) {
        this(directory, glob, maxFileBytes, maxDecompressedBytes, null);
    }
}
