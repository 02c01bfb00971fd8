package coop.cpc.lakehouse.application.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.application.job.source.PostgresTableSource;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.ingest.RowSink;
import coop.cpc.lakehouse.ingest.http.SecretResolver;
import coop.cpc.lakehouse.ingest.postgres.PostgresRowReader;
import coop.cpc.lakehouse.ingest.postgres.QualifiedTableName;
import coop.cpc.lakehouse.ingest.postgres.ReadPosition;
import coop.cpc.lakehouse.ingest.postgres.SourceTableException;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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

    PostgresTablePull(PostgresTableSource definition, UUID asset, SecretResolver secrets, String jobSourceState,
            Serializable checkpoint) throws Exception {
        this.asset = asset;
        this.connection = connect(definition, secrets);
        try {
            QualifiedTableName name = QualifiedTableName.parse(definition.table());
            this.table = coop.cpc.lakehouse.ingest.postgres.PostgresTableSource.open(connection, name, definition.columns());
            if (table.primaryKey().isEmpty()) {
                throw new SourceTableException("source table " + name + " has no primary key: runs read it incrementally "
                        + "by key, so it needs one (or use change data capture)");
            }
            this.columns = table.assetSchema().columns();
            this.sourceUri = table.sourceUri();
            ReadPosition from = checkpoint instanceof ReadPosition p ? p : nextRunStart(jobSourceState);
            this.reader = table.open(from);
        } catch (Exception e) {
            connection.close();
            throw e;
        }
    }

    private static Connection connect(PostgresTableSource definition, SecretResolver secrets) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", definition.user());
        if (definition.passwordAlias() != null) {
            properties.setProperty("password", secrets.resolve(definition.passwordAlias()).orElseThrow(
                    () -> new SQLException("no secret is configured for the password alias '" + definition.passwordAlias()
                            + "' (MicroProfile Config property " + ConfigSecretResolver.PREFIX + definition.passwordAlias() + ")")));
        }
        properties.setProperty("ApplicationName", "lakehouse-ingestion");
        properties.setProperty("readOnly", "true");
        Connection connection = new org.postgresql.Driver().connect(definition.url(), properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + definition.url());
        }
        return connection;
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
