package coop.cpc.lakehouse.application.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an export of the trail handed over, for its own audit entry: how many entries, of which period (the
 * filter's bounds, null: none). Before, an export's entry said neither, so a day's export and one of the whole
 * trail looked the same.
 */
public record AuditExport(long entries, Instant from, Instant to) implements AuditedResult {

    @Override
    public Map<String, Object> auditDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("resultCount", entries);
        if (from != null) {
            details.put("from", from.toString());
        }
        if (to != null) {
            details.put("to", to.toString());
        }
        return details;
    }
}
