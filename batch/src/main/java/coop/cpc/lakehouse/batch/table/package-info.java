/**
 * The table maintenance jobs: {@code compact-asset} and {@code expire-snapshots} with their batchlets
 * and the {@code MaintenanceJobs} port that starts them, and the {@code orphan-segment-cleanup} job
 * with its hourly start and its batchlet.
 */
package coop.cpc.lakehouse.batch.table;
