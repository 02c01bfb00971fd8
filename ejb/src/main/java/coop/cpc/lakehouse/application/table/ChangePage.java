package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.application.audit.AuditedResult;
import coop.cpc.lakehouse.columnar.Column;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A page of a change feed.
 *
 * @param toSnapshot the end of the range read (the next feed's fromSnapshot), or null when the asset has no snapshot
 * @param next       where the next page starts, or null on the last page
 */
public record ChangePage(
        List<Column> columns,
        List<RowChangeEvent> changes,
        UUID fromSnapshot,
        UUID toSnapshot,
        ChangeCursor next,
        long bytes)
        implements AuditedResult {

    /** What the read returned, for its audit entry: how many changes, of which columns, between which snapshots. */
    @Override
    public Map<String, Object> auditDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("resultCount", changes.size());
        details.put(
                "columns",
                AuditedResult.columnNames(columns.stream().map(Column::name).toList()));
        if (fromSnapshot != null) {
            details.put("fromSnapshot", fromSnapshot.toString());
        }
        if (toSnapshot != null) {
            details.put("toSnapshot", toSnapshot.toString());
        }
        return details;
    }
}
