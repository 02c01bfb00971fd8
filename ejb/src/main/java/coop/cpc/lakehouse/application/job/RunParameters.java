package coop.cpc.lakehouse.application.job;

import coop.cpc.lakehouse.catalog.job.IngestionJob;
import java.util.UUID;

/**
 * What a run is started with; everything else the run reads from the catalog.
 *
 * @param chunkSize rows per chunk and checkpoint
 * @param maxErrors rejected records a run tolerates before it fails
 */
public record RunParameters(UUID jobId, int chunkSize, int maxErrors) {

    public static RunParameters of(IngestionJob job) {
        return new RunParameters(job.getId(), job.getChunkSize(), job.getMaxErrors());
    }
}
