package coop.cpc.lakehouse.ingest.http;

import coop.cpc.lakehouse.ingest.record.MappingReport;

/**
 * What a complete read of an HTTP source did.
 *
 * @param rows     rows sent to the sink
 * @param rejected records rejected to the sink
 * @param pages    pages fetched in this run
 * @param mapping  the column mapping used, for lineage
 */
public record HttpReadResult(long rows, long rejected, int pages, MappingReport mapping) {}
