package coop.cpc.lakehouse.application.ingest;

import coop.cpc.lakehouse.application.table.SegmentWritePipeline.SegmentWrite;
import java.util.UUID;

/**
 * One target asset's share of a chunk, ready to be written as a segment file (on another thread)
 * and then recorded in {@code staged_segments} with what it carries of the source.
 *
 * @param addedColumns the catalog's JSON of the columns this segment adds to the asset's schema
 * @param sourceState the source's state when the chunk was read (lineage, next run), as JSON
 */
public record PreparedSegment(UUID assetId, SegmentWrite write, String addedColumns, String sourceState) {}
