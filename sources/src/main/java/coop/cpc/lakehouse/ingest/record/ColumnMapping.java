package coop.cpc.lakehouse.ingest.record;

import java.util.Objects;

/**
 * Where one output column's values came from: the lineage of a column.
 *
 * @param column      the schema column
 * @param sourceField the input field: a JSON pointer ({@code /vitals/hr}) or a CSV header name
 * @param derivation  {@link Derivation#IDENTITY} when the field is copied under its own name,
 *                    {@link Derivation#DERIVED} when flattened from a nested path or rendered
 *                    as JSON text
 */
public record ColumnMapping(String column, String sourceField, Derivation derivation) {

    /** How a column's value relates to its source field. */
    public enum Derivation {
        IDENTITY,
        DERIVED
    }

    public ColumnMapping {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(sourceField, "sourceField");
        Objects.requireNonNull(derivation, "derivation");
    }
}
