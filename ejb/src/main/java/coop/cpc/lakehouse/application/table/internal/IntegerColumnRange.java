package coop.cpc.lakehouse.application.table.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The [min, max] of an integer column in a segment's column statistics (the catalog's JSON). */
public final class IntegerColumnRange {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IntegerColumnRange() {}

    /** {min, max}, or null when the statistics do not say (no such column, no min/max, not integers, not JSON). */
    public static long[] of(String statisticsJson, String column) {
        if (statisticsJson == null) {
            return null;
        }
        try {
            JsonNode entry = JSON.readTree(statisticsJson).path(column);
            if (!entry.path("min").isTextual() || !entry.path("max").isTextual()) {
                return null;
            }
            return new long[] {
                Long.parseLong(entry.get("min").asText()),
                Long.parseLong(entry.get("max").asText())
            };
        } catch (JsonProcessingException | NumberFormatException e) {
            return null;
        }
    }
}
