package coop.cpc.lakehouse.application.table;

import java.util.UUID;

/**
 * What a compaction did.
 *
 * @param snapshotId      the COMPACT snapshot, or null when there was nothing to compact
 * @param segmentsRead    live data and delete segments rewritten
 * @param segmentsWritten fresh base segments
 * @param rowsWritten     current rows in them
 * @param attempts        1 unless a concurrent commit removed a segment it read
 * @param segmentsKept    live base segments left as they were (full enough, and no change in their key range)
 */
public record CompactionResult(
        UUID snapshotId, int segmentsRead, int segmentsWritten, long rowsWritten, int attempts, int segmentsKept) {}
