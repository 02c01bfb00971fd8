package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.ingest.postgres.CdcSourceDatabase;
import coop.cpc.lakehouse.ingest.postgres.QualifiedTableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a stream learns of a source table before capturing it: its columns as lakehouse types, and its key. */
final class SourceTables {
    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");
    /**
     * Array types Debezium 3.6's PostgreSQL connector leaves out of its change events (PostgresValueConverter:
     * "still need to be implemented"): their column would stay null in the asset.
     */
    /** An interval array whatever its fields ({@code interval hour to minute[]}) once the precision is removed. */
    private static final Pattern INTERVAL_ARRAY = Pattern.compile("interval\\b.*\\[]");

    private static final Set<String> UNCAPTURED_ARRAYS =
            Set.of("money[]", "name[]", "interval[]", "bit varying[]", "xml[]", "point[]", "refcursor[]");

    /**
     * A captured table's shape.
     *
     * @param primaryKey whether {@code key} is the table's primary key (else all its columns, under REPLICA IDENTITY
     *                   FULL)
     */
    record Shape(List<ColumnSpec> columns, List<String> key, boolean primaryKey) {}

    private SourceTables() {}

    /**
     * @throws InvalidInputException when the table does not exist, has neither a primary key nor
     *                               REPLICA IDENTITY FULL, or has a column of a type the connector does not capture
     */
    static Shape inspect(Connection c, QualifiedTableName table, String field)
            throws InvalidInputException, SQLException {
        CdcSourceDatabase.Table described = CdcSourceDatabase.describe(c, table)
                .orElseThrow(() -> new InvalidInputException(
                        field + ": table " + table + " does not exist in the source database"));
        String identity = described.replicaIdentity();
        List<String> key = new ArrayList<>(described.primaryKey());
        boolean primaryKey = !key.isEmpty();
        List<ColumnSpec> columns = new ArrayList<>();
        for (CdcSourceDatabase.Column column : described.columns()) {
            String name = column.name();
            if (uncapturable(column.type())) {
                throw new InvalidInputException(field + ": column " + name + " of " + table + " has type "
                        + column.type() + ", which the CDC connector does not capture (its values would be lost,"
                        + " the asset's column left null); change the column's type (text[] holds the same text)"
                        + " or capture the table with a PostgreSQL ingestion job");
            }
            if (bitVarying(column.type())) {
                throw new InvalidInputException(field + ": column " + name + " of " + table + " has type "
                        + column.type() + ", whose values the CDC connector sends without their leading zeros"
                        + " (B'0011' as B'11'; one bit or no length as true/false), so they cannot be stored exactly;"
                        + " change the column's type (bit(n) or text) or capture the table with a PostgreSQL"
                        + " ingestion job");
            }
            if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
                throw new InvalidInputException(
                        field + ": column '" + coop.cpc.lakehouse.application.Names.abbreviate(name) + "' of " + table
                                + " is not a lakehouse column name ([a-z][a-z0-9_]{0,62})");
            }
            columns.add(new ColumnSpec(
                    name,
                    type(column.type()),
                    !column.notNull() && !key.contains(name),
                    key.contains(name),
                    PiiCategory.NONE));
        }
        if (key.isEmpty()) {
            if (!"f".equals(identity)) {
                throw new InvalidInputException(field + ": table " + table + " has no primary key; give it one, or set"
                        + " ALTER TABLE " + table + " REPLICA IDENTITY FULL (then all its columns are the key)");
            }
            List<String> nullable = columns.stream()
                    .filter(ColumnSpec::nullable)
                    .map(ColumnSpec::name)
                    .toList();
            if (!nullable.isEmpty()) {
                throw new InvalidInputException(
                        field + ": table " + table + " has no primary key and REPLICA IDENTITY FULL"
                                + " makes all its columns the key, but key columns cannot be null and "
                                + String.join(", ", nullable)
                                + " may be: declare them NOT NULL, or give the table a primary key");
            }
            columns.forEach(col -> key.add(col.name()));
            columns.replaceAll(col -> new ColumnSpec(col.name(), col.type(), false, true, col.pii()));
        }
        return new Shape(columns, key, primaryKey);
    }

    /** Whether the connector leaves columns of this PostgreSQL type (format_type's text) out of its changes. */
    static boolean uncapturable(String pg) {
        String base = pg.replaceAll("\\(.*?\\)", "");
        return UNCAPTURED_ARRAYS.contains(INTERVAL_ARRAY.matcher(base).matches() ? "interval[]" : base);
    }

    /** Whether the PostgreSQL type (format_type's text) is {@code bit varying}, which the connector sends lossily. */
    static boolean bitVarying(String pg) {
        return pg.replaceAll("\\(.*?\\)", "").equals("bit varying");
    }

    /**
     * The lakehouse type of a PostgreSQL column type (format_type's text). A numeric the storage format's
     * decimal cannot hold (more than 18 digits, a scale above the precision) is text, as the PostgreSQL
     * table source stores it.
     */
    static ColumnType type(String pg) {
        Matcher numeric = NUMERIC.matcher(pg);
        if (numeric.matches()) {
            return ColumnType.decimal(Integer.parseInt(numeric.group(1)), Integer.parseInt(numeric.group(2)))
                    .orElseGet(() -> new ColumnType("string"));
        }
        String base = pg.replaceAll("\\(.*\\)", "");
        return new ColumnType(
                switch (base) {
                    case "boolean" -> "bool";
                    case "smallint", "integer" -> "int32";
                    case "bigint" -> "int64";
                    case "real" -> "float32";
                    case "double precision" -> "float64";
                    case "timestamp without time zone", "timestamp with time zone" -> "timestamp_us";
                    case "date" -> "date";
                    case "bytea" -> "bytes";
                    default -> "string";
                });
    }
}
