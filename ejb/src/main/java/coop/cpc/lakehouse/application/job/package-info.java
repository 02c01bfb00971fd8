/**
 * Ingestion jobs: their definitions ({@link coop.cpc.lakehouse.application.job.IngestionJobService},
 * audited), their runs as batch executions, and the {@link coop.cpc.lakehouse.application.job.JobRunner}
 * port through which they are started, stopped, restarted and read (implemented by the batch
 * module on JBeret). Schedules are in {@code schedule}; the sources a job reads in
 * {@code application.source}.
 */
package coop.cpc.lakehouse.application.job;
