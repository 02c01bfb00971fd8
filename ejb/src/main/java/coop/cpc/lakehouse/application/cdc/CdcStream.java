package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.audit.AuditedResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A stream as the catalog holds it (cdc_streams and cdc_stream_tables). Holds the password's alias, never the password. */
public record CdcStream(
        UUID id,
        String name,
        String url,
        String user,
        String passwordAlias,
        String targetNamespace,
        SnapshotMode snapshotMode,
        String slot,
        String publication,
        boolean running,
        boolean snapshotCompleted,
        List<String> tags,
        String lastError,
        List<CdcTable> tables,
        Instant createdAt,
        long version)
        implements AuditedResult {

    /** Whether a stream starts with a copy of its tables' current rows. */
    public enum SnapshotMode {
        /** Copy every row first, committed whole once complete; then stream. */
        INITIAL,
        /** Stream changes only, from the moment the slot is created. */
        NO_DATA
    }

    public CdcStream {
        tags = List.copyOf(tags);
        tables = List.copyOf(tables);
    }

    /** Nothing beyond its id: a stream's settings name its source, which the audit trail never holds. */
    @Override
    public Map<String, Object> auditDetails() {
        return Map.of();
    }

    /** The stream a call created (createCdcStream names no stream before it): the entry's resource id. */
    @Override
    public String auditResourceId() {
        return id.toString();
    }

    /** The same stream capturing {@code tables} (a new stream once its tables' assets exist). */
    public CdcStream withTables(List<CdcTable> tables) {
        return new CdcStream(
                id,
                name,
                url,
                user,
                passwordAlias,
                targetNamespace,
                snapshotMode,
                slot,
                publication,
                running,
                snapshotCompleted,
                tags,
                lastError,
                tables,
                createdAt,
                version);
    }

    public Optional<CdcTable> table(String sourceTable) {
        return tables.stream().filter(t -> t.sourceTable().equals(sourceTable)).findFirst();
    }

    /** The source tables whose copy is pending ({@link CdcTable#copyPending}), in the stream's order. */
    public List<String> pendingCopies() {
        return tables.stream()
                .filter(CdcTable::copyPending)
                .map(CdcTable::sourceTable)
                .toList();
    }

    /** The connector name of its offsets (cdc_offsets.connector_name) and of the engine. */
    public String connectorName() {
        return id.toString();
    }
}
