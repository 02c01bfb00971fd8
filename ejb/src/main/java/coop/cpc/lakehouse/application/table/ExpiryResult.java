package coop.cpc.lakehouse.application.table;

/**
 * What snapshot expiry did.
 *
 * @param snapshotsExpired snapshots no longer readable
 * @param segmentsDeleted  segment files no retained snapshot referenced
 */
public record ExpiryResult(int snapshotsExpired, int segmentsDeleted, long bytesDeleted) {}
