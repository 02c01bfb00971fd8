package coop.cpc.lakehouse.application.ingest;

/** What a run's commit did: rows committed, snapshots made, records rejected over the run. */
public record RunOutcome(long rows, int snapshots, long rejected) {}
