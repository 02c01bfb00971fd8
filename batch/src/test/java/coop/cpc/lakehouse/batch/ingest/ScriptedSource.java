package coop.cpc.lakehouse.batch.ingest;

import coop.cpc.lakehouse.application.source.SourceReader;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.ingest.record.ColumnMapping;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A source of a test: one asset, fixed columns and URI, no column mappings; the test says how it reads. */
abstract class ScriptedSource implements SourceReader {
    private final UUID asset;
    private final List<Column> columns;
    private final String uri;

    ScriptedSource(UUID asset, List<Column> columns, String uri) {
        this.asset = asset;
        this.columns = columns;
        this.uri = uri;
    }

    @Override
    public UUID asset() {
        return asset;
    }

    @Override
    public Set<UUID> assets() {
        return asset == null ? Set.of() : Set.of(asset);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public String sourceUri(UUID asset) {
        return uri;
    }

    @Override
    public List<ColumnMapping> columnMappings(UUID asset) {
        return List.of();
    }

    @Override
    public void close() {}
}
