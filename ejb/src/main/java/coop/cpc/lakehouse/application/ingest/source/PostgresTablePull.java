package coop.cpc.lakehouse.application.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.application.job.source.PostgresTableSource;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.ingest.RowSink;
import coop.cpc.lakehouse.ingest.postgres.PostgresRowReader;
import coop.cpc.lakehouse.ingest.postgres.QualifiedTableName;
import coop.cpc.lakehouse.ingest.postgres.ReadPosition;
import coop.cpc.lakehouse.ingest.postgres.SourceConnector;
import coop.cpc.lakehouse.ingest.postgres.SourceDatabaseUrl;
import coop.cpc.lakehouse.ingest.postgres.SourceTableException;
import java.io.Serializable;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A PostgreSQL table read in primary-key order with COPY, into one asset. A run starts after the
 * last key the previous successful run committed (the job's source state), so each run appends only
 * new rows; a restart resumes after the checkpoint's key. Updates and deletes of rows already read are
 * change data capture's job, not this one's.
 */
final class PostgresTablePull implements PullSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UUID asset;
    private final Connection connection;
    private final coop.cpc.lakehouse.ingest.postgres.PostgresTableSource table;
    private final List<Column> columns;
    private final PostgresRowReader reader;
    private final String sourceUri;

    PostgresTablePull(PostgresTableSource definition, UUID asset, SourceConnector connector, String jobSourceState,
            Serializable checkpoint) throws Exception {
        this.asset = asset;
        QualifiedTableName name = QualifiedTableName.parse(definition.table());
        SourceDatabaseUrl url;
        try {
            url = SourceDatabaseUrl.parse(definition.url());
        } catch (IllegalArgumentException e) {
            throw new SourceTableException("postgresTable.url " + e.getMessage());
        }
        this.connection = connector.connect(url, definition.user(), definition.passwordAlias(), name);
        try {
            this.table = coop.cpc.lakehouse.ingest.postgres.PostgresTableSource.open(connection, name, definition.columns());
            if (table.primaryKey().isEmpty()) {
                throw new SourceTableException("source table " + name + " has no primary key: runs read it incrementally "
                        + "by key, so it needs one (or use change data capture)");
            }
            this.columns = table.assetSchema().columns();
            this.sourceUri = url + "/" + name;
            ReadPosition from = checkpoint instanceof ReadPosition p ? p : nextRunStart(jobSourceState);
            this.reader = table.open(from);
        } catch (Exception e) {
            connection.close();
            throw e;
        }
    }

    /** The position after the last key the job's previous successful run committed, or the start. */
    static ReadPosition nextRunStart(String jobSourceState) throws Exception {
        JsonNode state = JSON.readTree(jobSourceState == null ? "{}" : jobSourceState);
        if (!state.has("lastKey")) {
            return ReadPosition.START;
        }
        List<String> key = new ArrayList<>();
        state.get("lastKey").forEach(k -> key.add(k.asText()));
        return new ReadPosition(0, key);
    }

    @Override
    public boolean readNext(RowSink sink) throws Exception {
        return reader.readNext(sink);
    }

    @Override
    public UUID asset() {
        return asset;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Serializable checkpoint() {
        return reader.position();
    }

    @Override
    public String sourceUri(UUID asset) {
        return sourceUri;
    }

    @Override
    public JsonNode nextRunState() {
        ReadPosition position = reader.position();
        if (position.lastKey().isEmpty()) {
            return null;
        }
        ObjectNode state = JSON.createObjectNode();
        ArrayNode key = state.putArray("lastKey");
        position.lastKey().forEach(key::add);
        return state;
    }

    @Override
    public ArrayNode columnMappings(UUID asset) {
        return ColumnMappings.identity(columns);
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
