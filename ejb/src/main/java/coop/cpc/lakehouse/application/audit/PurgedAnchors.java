package coop.cpc.lakehouse.application.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.catalog.audit.AuditPurgeBatch;

/**
 * The anchors one purge wrote, one a batch, named in its entry by a bounded range: the first and last anchor id, how
 * many, and the hash the last one holds. Anchor ids only grow, so every anchor a purge wrote lies in its range, and an
 * {@code audit_anchor} row that no purge entry's range holds was not written by a purge.
 */
final class PurgedAnchors {

    private Long firstId;
    private Long lastId;
    private long count;
    private String lastHash;

    void add(AuditPurgeBatch batch) {
        if (firstId == null) {
            firstId = batch.anchorId();
        }
        lastId = batch.anchorId();
        lastHash = batch.anchorHash();
        count++;
    }

    /** Adds {@code firstAnchorId}, {@code lastAnchorId}, {@code anchors} and {@code anchorHash}; nothing if none. */
    void describeIn(ObjectNode details) {
        if (count == 0) {
            return;
        }
        details.put("firstAnchorId", firstId);
        details.put("lastAnchorId", lastId);
        details.put("anchors", count);
        details.put("anchorHash", lastHash);
    }
}
