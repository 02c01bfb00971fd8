/**
 * What the WildFly (JBeret) and Open Liberty adapters of the batch ports share: the standard
 * {@code JobOperator} calls behind {@code JobRunner} and {@code MaintenanceJobs}, and the start-up
 * search for executions a server stop interrupted; the job parameters of an ingestion run and the step
 * metrics read back from the operator. The runtime-specific bits (the job repository's
 * tables, how a runtime lists the executions of a job that never ran) stay in {@code batch.jberet}
 * and {@code batch.liberty}; both jars of this module package this one.
 */
package coop.cpc.lakehouse.batch.operator;
