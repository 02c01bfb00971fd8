package coop.cpc.lakehouse.ingest.files;

import coop.cpc.lakehouse.ingest.record.MappingReport;

/**
 * What a complete read of one file did.
 *
 * @param rows     rows sent to the sink
 * @param rejected records rejected to the sink
 * @param skipped  records skipped because a checkpoint said they were committed
 * @param mapping  the column mapping used, for lineage
 */
public record FileReadResult(long rows, long rejected, long skipped, MappingReport mapping) {}
