/** The {@code orphan-segment-cleanup} job: its hourly start and its batchlet. */
package coop.cpc.lakehouse.batch.table;
