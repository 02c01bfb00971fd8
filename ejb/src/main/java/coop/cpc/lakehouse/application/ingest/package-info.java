/**
 * What an ingestion run asks of the application, through
 * {@link coop.cpc.lakehouse.application.ingest.IngestionRunService}: open the job's source, stage
 * each chunk as one segment file per target asset in the chunk's transaction, commit the run's
 * staged files as one snapshot per asset, keep the job's status in step. The Jakarta Batch job and
 * its artifacts that call it are in the batch module. See docs/ingestion-jobs.md.
 */
package coop.cpc.lakehouse.application.ingest;
