/** The ingestion sources of the batch module, opened for a run from a job's stored definition. */
package coop.cpc.lakehouse.application.ingest.source;
