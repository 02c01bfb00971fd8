package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.FreeText;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.RoleNames;
import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.application.source.ConfigSecretResolver;
import coop.cpc.lakehouse.application.source.SourceGuards;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.cdc.DuplicateCdcStreamException;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.postgres.CdcSourceDatabase;
import coop.cpc.lakehouse.ingest.postgres.QualifiedTableName;
import coop.cpc.lakehouse.ingest.postgres.SourceDatabaseGuard;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * CDC streams for the API: create (checks the source with the PostgreSQL source guard, reads each
 * table's key and columns, creates one asset per table), change, start, stop, restart, list; and
 * the finance adapter. Every call is audited. Runs outside a transaction: the stream's catalog rows
 * commit before its engine starts.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CdcStreamService {
    static final int MAX_TABLES = 100;
    static final int MAX_TAGS = 32;
    /** How long a delete waits for the stopped engine's walsender to release the slot. */
    static final long SLOT_RELEASE_WAIT_MS = 10_000;
    /** PostgreSQL's 63 bytes for a name, less the publication's suffix {@code _pub}. */
    static final int MAX_SLOT_LENGTH = 59;
    /** The first PostgreSQL whose {@code pg_current_snapshot()} the copy of an added table needs. */
    static final int MIN_COPY_VERSION = 13;

    private static final Logger LOG = Logger.getLogger(CdcStreamService.class.getName());

    @EJB
    CdcCatalog catalog;

    @EJB
    CdcStreamRecords records;

    @EJB
    CdcEngineHost host;

    @Inject
    LakehouseSettings settings;

    @Inject
    Principal principal;

    /**
     * One page of streams, oldest first, with the row counts of their tables' assets: one audit entry and a bounded
     * number of catalog queries per page, however many tables the streams have.
     *
     * @param after the id of the last stream of the previous page, or null for the first page
     * @param first the page size, 1 to the configured maximum
     * @throws InvalidInputException when {@code first} is out of range, or no stream has the id {@code after}
     */
    @Audited(action = AuditAction.READ, resource = "cdc_stream")
    public CdcStreamPage page(UUID after, int first) throws InvalidInputException {
        Page.fetchSize(first, settings);
        TimeOrderCursor position = null;
        if (after != null) {
            CdcStream last = catalog.find(after)
                    .orElseThrow(() -> new InvalidInputException(
                            "after: no CDC stream has the id " + after + " (deleted since?); list from the start"));
            position = new TimeOrderCursor(last.createdAt(), last.id());
        }
        return catalog.page(position, first);
    }

    /**
     * The row counts of the stream's tables' assets, for the stream a mutation returns: one audit entry (the stream
     * its resource) and one catalog query however many tables the stream captures.
     */
    @Audited(action = AuditAction.READ, resource = "cdc_stream")
    public CdcStreamRows tableRows(CdcStream stream) {
        return new CdcStreamRows(stream.id(), catalog.rowCounts(List.of(stream)));
    }

    @Audited(action = AuditAction.READ, resource = "cdc_stream")
    public CdcStream get(UUID id) throws UnknownCdcStreamException {
        return catalog.find(id).orElseThrow(() -> new UnknownCdcStreamException(id));
    }

    /**
     * The stream's last error as its catalog row keeps it (JMX {@code LastError}): an engine's error may quote the
     * source's data, so it is read as the stream is.
     */
    @Audited(action = AuditAction.READ, resource = "cdc_stream")
    public String lastError(UUID id) throws UnknownCdcStreamException {
        return get(id).lastError();
    }

    /** The engine's live state (not audited: read with the stream). */
    public CdcStreamState state(UUID id) {
        return host.state(id);
    }

    public java.util.Optional<StreamMetrics> metrics(UUID id) {
        return host.metrics(id);
    }

    @Audited(action = AuditAction.MANAGE, resource = "cdc_stream")
    public CdcStream create(NewCdcStream definition) throws InvalidInputException, AssetAlreadyExistsException {
        CdcStream created = createStream(definition, "tables");
        host.register(created);
        host.start(created.id());
        return created;
    }

    /**
     * The seed's {@code create_finance_ingestion_job(name, connection, table)}: a stream of one table,
     * with an initial snapshot, into namespace {@code finance}, tagged {@code finance} and {@code transactions}.
     */
    @Audited(action = AuditAction.MANAGE, resource = "cdc_stream")
    public CdcStream createFinanceIngestionJob(String name, String url, String user, String passwordAlias, String table)
            throws InvalidInputException, AssetAlreadyExistsException {
        CdcStream created = createStream(
                new NewCdcStream(
                        name,
                        url,
                        user,
                        passwordAlias,
                        List.of(table == null ? "" : table),
                        "finance",
                        CdcStream.SnapshotMode.INITIAL,
                        List.of("finance", "transactions")),
                "table");
        host.register(created);
        host.start(created.id());
        return created;
    }

    /**
     * Adds tables (each gets its asset, and its existing rows are copied by the stream: {@link TableCopies}); a
     * running stream restarts with them. Changing the credentials is refused.
     */
    @Audited(action = AuditAction.MANAGE, resource = "cdc_stream")
    public CdcStream update(UUID id, List<String> addTables, String user, String passwordAlias)
            throws UnknownCdcStreamException, InvalidInputException, AssetAlreadyExistsException {
        CdcStream stream = get(id);
        if (user != null || passwordAlias != null) {
            throw new InvalidInputException(
                    "user and passwordAlias of a stream cannot change yet; create a new stream");
        }
        List<String> tables = addTables == null ? List.of() : addTables;
        // Bounded before any name is read: a request body holds hundreds of thousands of names.
        if (tables.size() > MAX_TABLES) {
            throw new InvalidInputException(
                    "addTables lists " + tables.size() + " tables; a stream captures at most " + MAX_TABLES);
        }
        Set<String> added = new LinkedHashSet<>();
        for (String table : tables) {
            String normalized = table("addTables", table).toString();
            if (stream.table(normalized).isEmpty()) {
                added.add(normalized);
            }
        }
        if (stream.tables().size() + added.size() > MAX_TABLES) {
            throw new InvalidInputException(
                    "addTables: the stream captures " + stream.tables().size()
                            + " tables and would capture " + (stream.tables().size() + added.size())
                            + "; a stream captures at most " + MAX_TABLES);
        }
        if (!added.isEmpty()) {
            requireCopyPosition(stream);
            SourceEndpoint endpoint = endpoint(stream.url(), stream.user(), stream.passwordAlias());
            List<CdcStreamRecords.Planned> planned = plan(
                    endpoint,
                    "addTables",
                    new ArrayList<>(added),
                    stream.tables().stream().map(t -> t.sourceTable()).toList(),
                    Optional.empty());
            requireCopyable(endpoint, planned);
            records.addTables(stream, planned);
            if (host.state(id) != CdcStreamState.STOPPED) {
                host.restart(id);
            }
        }
        return get(id);
    }

    /**
     * An added table's rows are copied from the stream's committed position ({@link TableCopies}): a stream that has
     * none yet either copies every table with its initial snapshot (not committed yet) or has not stored its first
     * position.
     */
    private void requireCopyPosition(CdcStream stream) throws InvalidInputException {
        boolean initialSnapshotToCome =
                stream.snapshotMode() == CdcStream.SnapshotMode.INITIAL && !stream.snapshotCompleted();
        if (!initialSnapshotToCome && catalog.offset(stream.connectorName()).isEmpty()) {
            throw new InvalidInputException("addTables: stream " + stream.name() + " has not stored its first position"
                    + " on the source yet, from which the rows of an added table are copied; start it (it stores one"
                    + " within cdc_heartbeat_interval_ms) and add the tables again");
        }
    }

    /**
     * The copy reads each added table in chunks by primary key, between {@code pg_current_snapshot()} watermarks
     * (PostgreSQL 13 and later).
     */
    private static void requireCopyable(SourceEndpoint endpoint, List<CdcStreamRecords.Planned> planned)
            throws InvalidInputException {
        for (CdcStreamRecords.Planned p : planned) {
            if (!p.shape().primaryKey()) {
                throw new InvalidInputException("addTables: " + p.sourceTable() + " has no primary key; the rows of a"
                        + " table added to a stream are copied in chunks by primary key: give it one, or capture it"
                        + " in a new stream (its initial snapshot needs no key)");
            }
        }
        int major;
        try (Connection c = endpoint.connect()) {
            major = c.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw new InvalidInputException(
                    "url: the source database cannot be read (SQLState " + e.getSQLState() + ")");
        }
        if (major < MIN_COPY_VERSION) {
            throw new InvalidInputException("addTables: copying the rows of a table added to a stream needs"
                    + " PostgreSQL " + MIN_COPY_VERSION + " or later on the source (it is " + major + "); capture the"
                    + " tables in a new stream instead (its initial snapshot copies them)");
        }
    }

    @Audited(action = AuditAction.MANAGE, resource = "cdc_stream")
    public CdcStream start(UUID id) throws UnknownCdcStreamException {
        return switchEngine(id, true, host::start);
    }

    @Audited(action = AuditAction.MANAGE, resource = "cdc_stream")
    public CdcStream stop(UUID id) throws UnknownCdcStreamException {
        return switchEngine(id, false, host::stop);
    }

    @Audited(action = AuditAction.MANAGE, resource = "cdc_stream")
    public CdcStream restart(UUID id) throws UnknownCdcStreamException {
        return switchEngine(id, true, host::restart);
    }

    /**
     * Records whether a known stream is to run (the catalog's flag is what a server start resumes), then
     * starts, stops or restarts its engine.
     */
    private CdcStream switchEngine(UUID id, boolean running, Consumer<UUID> engine) throws UnknownCdcStreamException {
        get(id);
        catalog.setRunning(id, running);
        engine.accept(id);
        return get(id);
    }

    /**
     * Deletes a stream: stops its engine, drops its replication slot and publication (and its heartbeat
     * row) on the source when asked, then removes its catalog rows and offset. Its assets stay. The
     * source is changed before the catalog: if it cannot be, nothing is deleted and the stream stays
     * stopped.
     *
     * @return the stream as it was
     */
    @Audited(action = AuditAction.MANAGE, resource = "cdc_stream")
    public CdcStream delete(UUID id, boolean dropSlot) throws UnknownCdcStreamException, InvalidInputException {
        CdcStream stream = get(id);
        catalog.setRunning(id, false);
        host.stop(id);
        if (dropSlot) {
            SourceEndpoint endpoint = endpoint(stream.url(), stream.user(), stream.passwordAlias());
            try (Connection c = endpoint.connect()) {
                CdcSourceDatabase.dropReplication(
                        c, stream.slot(), stream.publication(), CdcEngineHost.HEARTBEAT_TABLE, SLOT_RELEASE_WAIT_MS);
            } catch (SQLException e) {
                LOG.warning(() -> "CDC stream " + stream.name() + ": dropping slot " + stream.slot() + " on " + endpoint
                        + " failed: SQLState " + e.getSQLState() + ", " + e.getMessage());
                throw new InvalidInputException("dropSlot: the replication slot " + stream.slot()
                        + " or publication " + stream.publication() + " cannot be dropped on the source (SQLState "
                        + e.getSQLState() + "); the stream is stopped and kept");
            }
        }
        catalog.delete(id, stream.connectorName());
        host.remove(id);
        return stream;
    }

    /** @param tablesField the argument that named the tables ({@code tables}, or the finance job's {@code table}) */
    private CdcStream createStream(NewCdcStream d, String tablesField)
            throws InvalidInputException, AssetAlreadyExistsException {
        String name = Names.require("name", d.name());
        String namespace = Names.require("targetNamespace", d.targetNamespace());
        RoleNames.require("user", d.user());
        // Stored in the catalog and sent in the source's start-up message, which ends a name at its first NUL.
        FreeText.require("user", d.user());
        if (d.passwordAlias() != null && !ConfigSecretResolver.isAlias(d.passwordAlias())) {
            throw new InvalidInputException("passwordAlias must be an alias ([a-z][a-z0-9_]{0,62}), not a password");
        }
        if (d.tables().isEmpty() || d.tables().size() > MAX_TABLES) {
            throw new InvalidInputException("tables must name 1 to " + MAX_TABLES + " tables");
        }
        if (d.tags().size() > MAX_TAGS) {
            throw new InvalidInputException("tags: at most " + MAX_TAGS);
        }
        Set<String> tables = new LinkedHashSet<>();
        for (String table : d.tables()) {
            tables.add(table(tablesField, table).toString());
        }
        if (catalog.findByName(name).isPresent()) {
            throw new InvalidInputException("name: a CDC stream named " + name + " exists already");
        }
        String slot = slotName(settings.cdcReplicationSlot(), name);
        Optional<String> owner = slotOwner(slot);
        if (owner.isPresent()) {
            throw slotTaken(slot, owner.get());
        }
        SourceEndpoint endpoint = endpoint(d.url(), d.user(), d.passwordAlias());
        CdcStream stream = new CdcStream(
                UUID.randomUUID(),
                name,
                d.url(),
                d.user(),
                d.passwordAlias(),
                namespace,
                d.snapshotMode(),
                slot,
                slot + "_pub",
                true,
                false,
                d.tags(),
                null,
                List.of(),
                Instant.now(),
                0);
        List<CdcStreamRecords.Planned> planned =
                plan(endpoint, tablesField, new ArrayList<>(tables), List.of(), Optional.of(slot));
        try {
            return records.create(stream, planned, actor());
        } catch (CdcStreamTakenException e) {
            // Another create took the name or slot after the checks above (nothing of this one is kept).
            if (e.taken() == DuplicateCdcStreamException.Taken.NAME) {
                throw new InvalidInputException("name: a CDC stream named " + name + " exists already");
            }
            throw slotTaken(slot, slotOwner(slot).orElse("another stream"));
        }
    }

    /**
     * Slot {@code <prefix>_<stream>}, within PostgreSQL's 63 bytes less the publication's suffix {@code _pub}.
     * A longer one keeps its first 50 characters and gets {@code _} and 8 hex digits of the SHA-256 of the
     * whole name: cut alone, names that differ after the cut would share a slot ({@code …_2024}, {@code …_2025}).
     */
    static String slotName(String prefix, String stream) {
        String slot = (prefix + "_" + stream).toLowerCase(Locale.ROOT);
        if (slot.length() <= MAX_SLOT_LENGTH) {
            return slot;
        }
        String hash = HexFormat.of().formatHex(sha256(slot), 0, 4);
        return slot.substring(0, MAX_SLOT_LENGTH - hash.length() - 1) + "_" + hash;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The stream that holds the slot, if one does. */
    private Optional<String> slotOwner(String slot) {
        return catalog.list().stream()
                .filter(s -> s.slot().equals(slot))
                .map(CdcStream::name)
                .findFirst();
    }

    /**
     * A new stream's slot that exists on the source although no stream of this catalog holds it (checked before):
     * Debezium would take it over, replaying its changes from its old position (a stream deleted without {@code
     * dropSlot} left it) or sharing them with another install of the same prefix and stream name.
     */
    static void refuseExistingSlot(Connection c, String slot) throws SQLException, InvalidInputException {
        Optional<String> database = CdcSourceDatabase.replicationSlotDatabase(c, slot);
        if (database.isPresent()) {
            throw new InvalidInputException("name: the replication slot " + slot + " of this name exists on the source"
                    + (database.get().isEmpty() ? " (a physical slot)" : " (database " + database.get() + ")")
                    + " and no stream of this catalog holds it: a stream deleted without dropSlot left it, or another"
                    + " lakehouse streams from it, and a new stream would replay its old changes or share them."
                    + " If nothing uses it, drop it on the source (SELECT pg_drop_replication_slot('" + slot + "'));"
                    + " or choose another name");
        }
    }

    private static InvalidInputException slotTaken(String slot, String owner) {
        return new InvalidInputException("name: the replication slot " + slot + " of this name is taken by stream "
                + owner + "; choose another name");
    }

    private SourceEndpoint endpoint(String url, String user, String passwordAlias) throws InvalidInputException {
        try {
            return SourceEndpoint.resolve(url, user, passwordAlias, settings, SourceGuards.fromConfig());
        } catch (SourceEndpoint.RefusedException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** A source table name from the request's {@code field}, parsed and checked; a refusal names the field. */
    private static QualifiedTableName table(String field, String raw) throws InvalidInputException {
        try {
            QualifiedTableName table = QualifiedTableName.parse(raw);
            SourceDatabaseGuard.checkTable(table);
            return table;
        } catch (IllegalArgumentException | SourceDatabaseGuard.RefusedException e) {
            throw new InvalidInputException(field + ": " + e.getMessage());
        }
    }

    /**
     * Reads each table's key and columns on the source; a new stream's {@code newSlot} must not exist there yet
     * ({@link #refuseExistingSlot}).
     */
    private static List<CdcStreamRecords.Planned> plan(
            SourceEndpoint endpoint, String field, List<String> tables, List<String> existing, Optional<String> newSlot)
            throws InvalidInputException {
        List<CdcStreamRecords.Planned> planned = new ArrayList<>();
        try (Connection c = endpoint.connect()) {
            endpoint.refuseLakehouseCatalog(c);
            if (newSlot.isPresent()) {
                refuseExistingSlot(c, newSlot.get());
            }
            for (String name : tables) {
                QualifiedTableName table = QualifiedTableName.parse(name);
                SourceTables.Shape shape = SourceTables.inspect(c, table, field);
                String asset = (table.schema().equals("public") ? table.table() : table.schema() + "_" + table.table())
                        .toLowerCase(Locale.ROOT);
                planned.add(
                        new CdcStreamRecords.Planned(name, Names.require(field + " (as an asset name)", asset), shape));
            }
        } catch (SQLException e) {
            LOG.warning(() -> "CDC source " + endpoint + ": SQLState " + e.getSQLState() + ", " + e.getMessage());
            throw new InvalidInputException(
                    "url: the source database cannot be read (SQLState " + e.getSQLState() + ")");
        } catch (SourceEndpoint.RefusedException e) {
            throw new InvalidInputException(e.getMessage());
        }
        return planned;
    }

    private String actor() {
        String name = principal == null ? null : principal.getName();
        return name == null || name.isBlank() ? "anonymous" : Names.abbreviate(name);
    }
}
