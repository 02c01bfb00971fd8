package coop.cpc.lakehouse.catalog.cdc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A row of cdc_streams with its rows of cdc_stream_tables. Holds the password's alias, never the
 * password.
 *
 * @param snapshotMode  INITIAL or NEVER (the application's enum name)
 * @param desiredState  RUNNING or STOPPED: what the operator asked for
 * @param tagsJson      a JSON array of strings
 * @param createdAt     ignored on insert (the database sets it)
 * @param version       ignored on insert
 */
public record CdcStreamRow(
        UUID id,
        String name,
        String sourceUrl,
        String sourceUser,
        String passwordAlias,
        String targetNamespace,
        String snapshotMode,
        String slotName,
        String publicationName,
        String desiredState,
        boolean snapshotCompleted,
        String tagsJson,
        String lastError,
        List<CdcStreamTableRow> tables,
        Instant createdAt,
        long version) {
    public CdcStreamRow {
        tables = List.copyOf(tables);
    }
}
