package coop.cpc.lakehouse.adapter.health;

import java.util.List;

/**
 * How one extract column came from the sources (for the lineage edge), or why a source column is not
 * in the extract.
 *
 * @param output  the extract column, null when the source column was removed
 * @param inputs  the source columns, as {@code source.column}
 * @param rule    the treatment ({@code PSEUDONYM}, {@code ZIP3}, {@code AGE}, {@code YEAR}, {@code KEEP}, {@code REMOVE}...)
 * @param reason  why, in words
 */
public record ColumnMapping(String output, List<String> inputs, String rule, String reason) {

    /** IDENTITY, MASKED or DERIVED, the lineage's words. */
    public String lineageKind() {
        return switch (rule) {
            case "KEEP", "QUASI", "SCRUB" -> "IDENTITY";
            case "PSEUDONYM", "REMOVE" -> "MASKED";
            default -> "DERIVED";
        };
    }
}
