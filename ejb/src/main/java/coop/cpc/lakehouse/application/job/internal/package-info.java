/**
 * The ingestion job service's implementation: a façade over {@code JobDefinitions} (what a job is),
 * {@code JobLimits}, {@code RunControl} (its runs on the {@code JobRunner}) and {@code RunDescriptions}.
 */
package coop.cpc.lakehouse.application.job.internal;
