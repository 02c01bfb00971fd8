package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("ExpiryOutcome")
@Description("What snapshot expiry did: snapshots no longer readable, segment files deleted.")
public record ExpiryOutcome(int snapshotsExpired, int segmentsDeleted, long bytesDeleted) {}
