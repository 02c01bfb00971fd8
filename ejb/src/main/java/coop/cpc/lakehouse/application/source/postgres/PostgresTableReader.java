package coop.cpc.lakehouse.application.source.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import coop.cpc.lakehouse.application.source.ColumnMappings;
import coop.cpc.lakehouse.application.source.NextRunState;
import coop.cpc.lakehouse.application.source.OneAssetReader;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.RowSink;
import coop.cpc.lakehouse.ingest.postgres.PostgresRowReader;
import coop.cpc.lakehouse.ingest.postgres.PostgresTableSource;
import coop.cpc.lakehouse.ingest.postgres.QualifiedTableName;
import coop.cpc.lakehouse.ingest.postgres.ReadPosition;
import coop.cpc.lakehouse.ingest.postgres.SourceConnector;
import coop.cpc.lakehouse.ingest.postgres.SourceDatabaseUrl;
import coop.cpc.lakehouse.ingest.postgres.SourceTableException;
import coop.cpc.lakehouse.ingest.record.ColumnMapping;
import java.io.Serializable;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * A PostgreSQL table read in primary-key order with COPY, into one asset. A run starts after the
 * last key the previous successful run committed (the job's source state), so each run appends only
 * new rows; a restart resumes after the checkpoint's key. Updates and deletes of rows already read are
 * change data capture's job, not this one's, and so are rows committed late: a row whose transaction
 * commits after a run read past its key is read by no run (logged when writers are in progress).
 */
final class PostgresTableReader extends OneAssetReader {
    private static final Logger LOG = Logger.getLogger(PostgresTableReader.class.getName());
    private static final OncePerHour WRITERS_NOTES = new OncePerHour();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Counting the rows to read for the progress may delay a run's start by at most this much. */
    private static final int COUNT_TIMEOUT_MILLIS = 2000;

    private final Connection connection;
    private final PostgresRowReader reader;
    private final String sourceUri;
    private final OptionalLong expected;

    private PostgresTableReader(
            UUID asset,
            List<Column> columns,
            Connection connection,
            PostgresRowReader reader,
            String sourceUri,
            OptionalLong expected) {
        super(asset, columns);
        this.connection = connection;
        this.reader = reader;
        this.sourceUri = sourceUri;
        this.expected = expected;
    }

    static PostgresTableReader open(
            PostgresTableSettings definition,
            UUID asset,
            Optional<Schema> assetSchema,
            SourceConnector connector,
            String jobSourceState,
            Serializable checkpoint)
            throws Exception {
        QualifiedTableName name = QualifiedTableName.parse(definition.table());
        SourceDatabaseUrl url;
        try {
            url = SourceDatabaseUrl.parse(definition.url());
        } catch (IllegalArgumentException e) {
            throw new SourceTableException("postgresTable.url " + e.getMessage());
        }
        Connection connection = connector.connect(url, definition.user(), definition.passwordAlias(), name);
        try {
            PostgresTableSource described = PostgresTableSource.open(connection, name, definition.columns());
            // Earlier builds read a domain as text: an asset that holds such a column as a string goes on so.
            PostgresTableSource table =
                    assetSchema.map(described::keepingTheStringColumnsOf).orElse(described);
            if (table.primaryKey().isEmpty()) {
                throw new SourceTableException(
                        "source table " + name + " has no primary key: runs read it incrementally "
                                + "by key, so it needs one (or use change data capture)");
            }
            ReadPosition from = checkpoint instanceof ReadPosition p ? p : nextRunStart(jobSourceState);
            OptionalLong expected = table.countAfter(from, COUNT_TIMEOUT_MILLIS);
            noteWritersInProgress(url + "/" + name, table.writersInProgress());
            return new PostgresTableReader(
                    asset, table.assetSchema().columns(), connection, table.open(from), url + "/" + name, expected);
        } catch (Exception e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Keyset reads cannot see rows of transactions not committed yet, and the next run starts after the
     * last key read: a writer that commits later a row with a lower key (a serial taken before a faster
     * writer's, a non-increasing key) loses that row for good. No bound on the read removes that for every
     * key kind, so the limit is documented (docs/ingestion-jobs.md) and each run that may meet it says so.
     */
    private static void noteWritersInProgress(String table, OptionalInt writers) {
        if (writers.isEmpty()) {
            LOG.fine(() -> "Source table " + table + ": the role may not read pg_stat_activity, so this run does "
                    + "not say whether transactions were writing when its read began");
        } else if (writers.getAsInt() > 0 && WRITERS_NOTES.letThrough(table, Instant.now())) {
            LOG.info(() -> "Source table " + table + ": " + writers.getAsInt() + " transaction(s) of the source "
                    + "server were writing when this run's read began; a row one of them commits later with a key "
                    + "below the last key this run reads will not be read by any later run (runs read by increasing "
                    + "key; change data capture reads every commit). Said at most once an hour per source table");
        }
    }

    /** The position after the last key the job's previous successful run committed, or the start. */
    static ReadPosition nextRunStart(String jobSourceState) throws Exception {
        PostgresNextRun state = JSON.readValue(jobSourceState == null ? "{}" : jobSourceState, PostgresNextRun.class);
        return state.lastKey().isEmpty() ? ReadPosition.START : new ReadPosition(0, state.lastKey());
    }

    @Override
    public boolean readNext(RowSink sink) throws Exception {
        return reader.readNext(sink);
    }

    @Override
    public Serializable checkpoint() {
        return reader.position();
    }

    @Override
    public OptionalLong expectedRecords() {
        return expected;
    }

    @Override
    public String sourceUri(UUID asset) {
        return sourceUri;
    }

    @Override
    public Optional<NextRunState> nextRunState() {
        ReadPosition position = reader.position();
        return position.lastKey().isEmpty() ? Optional.empty() : Optional.of(new PostgresNextRun(position.lastKey()));
    }

    @Override
    public List<ColumnMapping> columnMappings(UUID asset) {
        return ColumnMappings.identity(columns());
    }

    @Override
    public void close() throws Exception {
        try {
            reader.close();
        } finally {
            connection.close();
        }
    }
}
