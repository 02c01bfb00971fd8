package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.application.audit.AuditedResult;
import coop.cpc.lakehouse.columnar.Column;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A page of an asset's rows at one snapshot: values of the format's Java types, in column order.
 *
 * @param snapshotId the snapshot read, or null when the asset had none then
 * @param next       where the next page starts, or null on the last page
 * @param bytes      an upper bound of the bytes the rows' values take in a JSON response
 */
public record RowPage(List<Column> columns, List<Object[]> rows, UUID snapshotId, RowCursor next, long bytes)
        implements AuditedResult {

    /** What the read returned, for its audit entry: how many rows, of which columns, at which snapshot; no value. */
    @Override
    public Map<String, Object> auditDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("resultCount", rows.size());
        details.put(
                "columns",
                AuditedResult.columnNames(columns.stream().map(Column::name).toList()));
        if (snapshotId != null) {
            details.put("snapshotId", snapshotId.toString());
        }
        return details;
    }
}
