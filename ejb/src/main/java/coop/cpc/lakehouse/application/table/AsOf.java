package coop.cpc.lakehouse.application.table;

import java.time.Instant;
import java.util.UUID;

/** Time travel: read the snapshot with this id, or the one current at this instant. One of the two. */
public record AsOf(UUID snapshotId, Instant instant) {}
