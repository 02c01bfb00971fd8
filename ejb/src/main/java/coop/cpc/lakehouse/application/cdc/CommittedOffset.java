package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.audit.AuditedResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The source position a CDC commit stored with its changes, for the commit's audit entry: which stream
 * and up to which LSN (and source transaction) the committed rows go.
 */
record CommittedOffset(UUID stream, Map<String, ?> offset) implements AuditedResult {

    @Override
    public Map<String, Object> auditDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cdcStream", stream.toString());
        if (offset.get("lsn") instanceof Number lsn) {
            details.put("offsetLsn", lsn.longValue());
        }
        if (offset.get("txId") instanceof Number txId) {
            details.put("offsetTxId", txId.longValue());
        }
        return details;
    }
}
