package coop.cpc.lakehouse.application.table;

import java.util.List;
import java.util.UUID;

/**
 * What a compaction commits.
 *
 * @param read         the live segments it rewrote (removed by its commit)
 * @param kept         the live segments it left as they were (they must still be live at its commit)
 * @param written      its outputs
 * @param dataSequence the outputs' data sequence: the compacted snapshot's, or the base's when it kept segments
 */
public record CompactionCommit(List<UUID> read, List<UUID> kept, List<StagedSegment> written, long dataSequence) {

    public CompactionCommit {
        read = List.copyOf(read);
        kept = List.copyOf(kept);
        written = List.copyOf(written);
    }
}
