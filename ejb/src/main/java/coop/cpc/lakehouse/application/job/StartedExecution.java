package coop.cpc.lakehouse.application.job;

/** A batch job instance just started, and its first execution. */
public record StartedExecution(long executionId, long jobInstanceId) {}
