package coop.cpc.lakehouse.ingest.postgres;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.ColumnType.Kind;

/**
 * A column of the source table as PostgreSQL describes it, and the asset column it becomes.
 * Types without an exact counterpart (json, uuid, intervals, arrays, wide numerics, numerics with a
 * negative scale or a scale above their precision...) are read as their text, which keeps them exact.
 *
 * @param udtName    the built-in type's name in pg_catalog (int8, numeric, timestamptz, ...), of the base type
 *                   for a domain; schema-qualified ({@code public.int4}) for any other type, read as text
 * @param precision  numeric precision, or 0 when unconstrained
 * @param scale      numeric scale; negative, or above the precision, since PostgreSQL 15
 * @param sqlType    the type as SQL spells it (format_type), for casting key literals
 * @param asText     read as its text whatever its type, because the asset's column is a string ({@link
 *                   #keepingTheTypeOf})
 */
public record SourceColumn(
        String name, String udtName, int precision, int scale, boolean nullable, String sqlType, boolean asText) {
    static final int MAX_DECIMAL_PRECISION = 18;

    /** A column read as its type maps. */
    public SourceColumn(String name, String udtName, int precision, int scale, boolean nullable, String sqlType) {
        this(name, udtName, precision, scale, nullable, sqlType, false);
    }

    /**
     * This column, read as text when the asset already holds it as a string and its type maps to another: builds
     * before domains were read as their base type read a domain as {@code ::text}, so their assets hold it as a
     * string, and the refusal of a type change would fail every later run. Any other difference stays for the
     * schema check to refuse.
     *
     * @param existing the asset's column of this name, or null when the asset has none
     */
    public SourceColumn keepingTheTypeOf(Column existing) {
        boolean assetHoldsText = existing != null && existing.type().kind() == Kind.STRING;
        return assetHoldsText && assetType().kind() != Kind.STRING
                ? new SourceColumn(name, udtName, precision, scale, nullable, sqlType, true)
                : this;
    }

    public Column assetColumn() {
        return new Column(name, assetType(), nullable);
    }

    ColumnType assetType() {
        if (asText) {
            return ColumnType.of(Kind.STRING);
        }
        return switch (udtName) {
            case "bool" -> ColumnType.of(Kind.BOOL);
            case "int2", "int4" -> ColumnType.of(Kind.INT32);
            case "int8" -> ColumnType.of(Kind.INT64);
            case "float4" -> ColumnType.of(Kind.FLOAT32);
            case "float8" -> ColumnType.of(Kind.FLOAT64);
            case "numeric" ->
                precision >= 1 && precision <= MAX_DECIMAL_PRECISION && scale >= 0 && scale <= precision
                        ? ColumnType.decimal(precision, scale)
                        : ColumnType.of(Kind.STRING);
            case "timestamptz", "timestamp" -> ColumnType.of(Kind.TIMESTAMP_US);
            case "date" -> ColumnType.of(Kind.DATE);
            case "bytea" -> ColumnType.of(Kind.BYTES);
            default -> ColumnType.of(Kind.STRING);
        };
    }

    /** The select-list expression: typed columns as they are, the rest as text. */
    String selectExpression() {
        String quoted = QualifiedTableName.quote(name);
        return assetType().kind() == Kind.STRING && !isText() ? quoted + "::text" : quoted;
    }

    private boolean isText() {
        return udtName.equals("text") || udtName.equals("varchar") || udtName.equals("bpchar");
    }
}
