package coop.cpc.lakehouse.application.ingest.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.application.job.source.FileDropSource;
import coop.cpc.lakehouse.application.job.source.HttpApiSource;
import coop.cpc.lakehouse.application.job.source.PostgresTableSource;
import coop.cpc.lakehouse.application.job.source.SledSource;
import coop.cpc.lakehouse.application.job.source.SourceDefinition;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.ingest.http.SecretQueryParameters;

/** Source definitions as stored in {@code ingestion_jobs.source_config}, and what each kind of run commits. */
public final class SourceDefinitions {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private SourceDefinitions() {
    }

    public static String write(SourceDefinition source) {
        try {
            return JSON.writerFor(SourceDefinition.class).writeValueAsString(source);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a source definition", e);
        }
    }

    public static SourceDefinition read(String json) {
        try {
            return JSON.readValue(json, SourceDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The catalog holds an unreadable source definition: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The stored JSON as the API shows it: credential-like query values and user info in a URL
     * masked. Such URLs are refused when a job is created or changed; this covers jobs stored before.
     */
    public static String forDisplay(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            mask(root);
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }

    private static void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            var names = new java.util.ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (name.equals("url") && value.isTextual()) {
                    object.put(name, SecretQueryParameters.masked(value.asText()));
                } else {
                    mask(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(SourceDefinitions::mask);
        }
    }

    /**
     * PostgreSQL tables are read incrementally (after the last committed key) and file drops bring new
     * files: their runs APPEND. sled databases and HTTP APIs are read whole by every run: their runs
     * OVERWRITE, and time travel keeps the earlier extracts.
     */
    public static SnapshotOperation snapshotOperation(SourceDefinition source) {
        if (source instanceof PostgresTableSource || source instanceof FileDropSource) {
            return SnapshotOperation.APPEND;
        }
        if (source instanceof SledSource || source instanceof HttpApiSource) {
            return SnapshotOperation.OVERWRITE;
        }
        throw new IllegalArgumentException("unknown source kind " + source.type());
    }
}
