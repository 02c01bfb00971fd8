package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("CommitOutcome")
public record CommitOutcome(@NonNull @Id String snapshotId, long sequenceNumber, long rowsAdded, long assetRowCount) {}
