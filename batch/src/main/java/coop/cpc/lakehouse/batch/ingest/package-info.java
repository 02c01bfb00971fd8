/**
 * The artifacts of the {@code ingestion} job (META-INF/batch-jobs/ingestion.xml): the reader that
 * pulls rows from the job's source, the writer that stages them, the listener that writes rejected
 * records to the run's rejects file, the listener that keeps the job's status, and the batchlet
 * that commits the run. Each calls the application's {@code IngestionRunService}.
 */
package coop.cpc.lakehouse.batch.ingest;
