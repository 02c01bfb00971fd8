package coop.cpc.lakehouse.application.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The committed offset as the PostgreSQL connector should resume from it. The consumer commits only
 * on transaction boundaries, so a stored offset normally names a COMMIT ({@code messageType=COMMIT},
 * {@code lsn = lsn_commit = lsn_proc}): everything that committed up to that LSN is in the catalog,
 * nothing after it. Resuming there needs no search: PostgreSQL sends every transaction that commits
 * after the requested LSN, whole, from its BEGIN.
 *
 * <p>With {@code lsn_proc} present, Debezium 3.6 instead searches the WAL for the position "after the
 * last stored change" and filters every message before it ({@code WalPositionLocator}). A COMMIT's LSN
 * is the end of its WAL record, which is also where the next WAL record starts: when that record is a
 * change of a transaction that began before the commit and committed after it (a workload
 * transaction with a heartbeat committed in its middle), the search takes it for the stored change
 * and silently drops that transaction's changes up to it while still applying the rest
 * (debezium/dbz#76, fixed upstream in 3.7.0.Alpha2). Without {@code lsn_proc} Debezium streams from
 * {@code lsn} and filters nothing. Offsets of any other shape (a heartbeat's inside a transaction)
 * are handed over unchanged, to Debezium's search.
 *
 * <p>Without {@code lsn_proc} Debezium no longer checks that the slot still holds the position (its
 * {@code validateLogPosition} compares the slot's restart position with {@code lsn_proc} only when it is
 * there; neither does it for the offset a completed snapshot leaves, which never had one):
 * {@link SlotPositionCheck} checks both instead, before each start and on each read of the offset
 * ({@link CatalogOffsetStore}).
 */
final class ResumeOffset {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResumeOffset() {}

    /** The offset JSON to hand Debezium for the committed offset JSON {@code stored}. */
    static String of(String stored) {
        ObjectNode offset = atCommit(stored);
        if (offset == null) {
            return stored;
        }
        ObjectNode resume = offset.deepCopy();
        resume.remove("lsn_proc");
        return resume.toString();
    }

    /**
     * The LSN Debezium resumes from without validating it against the slot, or null when Debezium validates the
     * offset itself (or re-reads everything): a committed COMMIT's LSN, whose {@code lsn_proc} {@link #of} removes;
     * or the {@code lsn} of an offset that never had an {@code lsn_proc} (the end of a completed snapshot, before
     * the first streamed commit), which Debezium's {@code validateLogPosition} passes unchecked. An offset of a
     * snapshot still in progress is none of them: Debezium takes the snapshot again.
     */
    static Long unvalidatedLsn(String stored) {
        ObjectNode offset = object(stored);
        if (offset == null) {
            return null;
        }
        if (atCommit(offset)) {
            return offset.get("lsn_commit").asLong();
        }
        JsonNode lsn = offset.get("lsn");
        return offset.get("lsn_proc") == null && lsn != null && lsn.canConvertToLong() && !snapshotInProgress(offset)
                ? lsn.asLong()
                : null;
    }

    /** An offset Debezium's snapshot wrote before its last record: the start takes the snapshot again. */
    private static boolean snapshotInProgress(ObjectNode offset) {
        JsonNode snapshot = offset.get("snapshot");
        if (snapshot == null || snapshot.isNull() || "false".equalsIgnoreCase(snapshot.asText())) {
            return false;
        }
        return !offset.path("last_snapshot_record").asBoolean(false)
                && !offset.path("snapshot_completed").asBoolean(false);
    }

    private static ObjectNode atCommit(String stored) {
        ObjectNode offset = object(stored);
        return offset != null && atCommit(offset) ? offset : null;
    }

    private static ObjectNode object(String stored) {
        JsonNode node;
        try {
            node = stored == null ? null : JSON.readTree(stored);
        } catch (IOException e) {
            return null;
        }
        return node instanceof ObjectNode offset ? offset : null;
    }

    private static boolean atCommit(ObjectNode offset) {
        JsonNode type = offset.get("messageType");
        JsonNode lsn = offset.get("lsn");
        JsonNode commit = offset.get("lsn_commit");
        JsonNode processed = offset.get("lsn_proc");
        return type != null
                && "COMMIT".equals(type.asText())
                && lsn != null
                && lsn.canConvertToLong()
                && commit != null
                && commit.canConvertToLong()
                && processed != null
                && processed.canConvertToLong()
                && lsn.asLong() == commit.asLong()
                && commit.asLong() == processed.asLong();
    }
}
