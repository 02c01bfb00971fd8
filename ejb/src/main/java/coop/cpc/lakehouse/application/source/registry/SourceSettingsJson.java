package coop.cpc.lakehouse.application.source.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.application.source.SourceKind;
import coop.cpc.lakehouse.application.source.SourceSettings;
import coop.cpc.lakehouse.ingest.http.SecretQueryParameters;

/** Source settings as stored in {@code ingestion_jobs.source_config}: JSON whose {@code kind} names the source kind. */
public final class SourceSettingsJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    static {
        for (SourceKind<?> kind : SourceKinds.ALL) {
            JSON.registerSubtypes(new NamedType(kind.settingsType(), kind.type().name()));
        }
    }

    private SourceSettingsJson() {}

    public static String write(SourceSettings source) {
        try {
            return JSON.writerFor(SourceSettings.class).writeValueAsString(source);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a source definition", e);
        }
    }

    public static SourceSettings read(String json) {
        try {
            return JSON.readValue(json, SourceSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "The catalog holds an unreadable source definition: " + e.getOriginalMessage(), e);
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
            node.forEach(SourceSettingsJson::mask);
        }
    }
}
