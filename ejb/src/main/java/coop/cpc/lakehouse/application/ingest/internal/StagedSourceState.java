package coop.cpc.lakehouse.application.ingest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.cpc.lakehouse.application.source.SourceReader;
import coop.cpc.lakehouse.ingest.record.ColumnMapping;
import java.util.List;
import java.util.UUID;

/**
 * What a staged segment file records of its source (in {@code staged_segments.source_state}), for
 * the run's commit: where its rows came from and how their columns map (lineage), and where the
 * job's next run starts, as the source kind wrote it.
 *
 * @param nextRun null when every run reads the whole source
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"sourceUri", "columnMappings", "nextRun"})
record StagedSourceState(String sourceUri, List<MappedColumn> columnMappings, JsonNode nextRun) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One column's lineage, as the lineage edge stores it. */
    @JsonPropertyOrder({"column", "sourceField", "derivation"})
    record MappedColumn(String column, String sourceField, String derivation) {}

    static StagedSourceState of(SourceReader source, UUID assetId) {
        List<ColumnMapping> mappings = source.columnMappings(assetId);
        List<MappedColumn> columns = mappings == null
                ? List.of()
                : mappings.stream()
                        .map(m -> new MappedColumn(
                                m.column(), m.sourceField(), m.derivation().name()))
                        .toList();
        JsonNode nextRun =
                source.nextRunState().<JsonNode>map(JSON::valueToTree).orElse(null);
        return new StagedSourceState(source.sourceUri(assetId), columns, nextRun);
    }

    static StagedSourceState read(String json) throws JsonProcessingException {
        return JSON.readValue(json, StagedSourceState.class);
    }

    String toJson() throws JsonProcessingException {
        return JSON.writeValueAsString(this);
    }

    /** The column mappings as the lineage edge stores them: [{"column", "sourceField", "derivation"}]. */
    String columnMappingsJson() throws JsonProcessingException {
        return JSON.writeValueAsString(columnMappings == null ? List.of() : columnMappings);
    }
}
