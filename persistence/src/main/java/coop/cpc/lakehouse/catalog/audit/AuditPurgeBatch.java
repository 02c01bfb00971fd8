package coop.cpc.lakehouse.catalog.audit;

/**
 * What one purge batch did: how many entries it deleted and the anchor it wrote for them (its id and the hash of the
 * newest entry it deleted), so the purge can name in its own entry the anchors it left, not the latest anchor of
 * whoever purged last.
 */
public record AuditPurgeBatch(int entriesPurged, long anchorId, String anchorHash) {}
