package coop.cpc.lakehouse.application.table;

import java.util.UUID;

/** What a commit produced: the new snapshot and the asset's totals after it. */
public record CommitResult(UUID snapshotId, long sequenceNumber, long rowsAdded, long assetRowCount, int attempts) {}
