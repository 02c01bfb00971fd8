/**
 * Ingestion jobs as Jakarta Batch jobs (XML in META-INF/batch-jobs, one per source kind): the
 * reader that pulls rows from a source, the writer that stages one segment file per chunk and
 * target asset in the chunk's transaction, the listener that writes rejected records to the run's
 * rejects file, and the batchlet that commits a run's staged files as one snapshot per asset.
 * See docs/ingestion-jobs.md.
 */
package coop.cpc.lakehouse.application.ingest;
