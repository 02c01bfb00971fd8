/** Runs of ingestion jobs: their Jakarta Batch executions and the segment files they staged. */
package coop.cpc.lakehouse.catalog.run;
