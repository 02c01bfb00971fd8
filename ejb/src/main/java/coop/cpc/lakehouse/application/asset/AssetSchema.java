package coop.cpc.lakehouse.application.asset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns of an asset, validated; stored in {@code data_assets.schema} as
 * {@code {"columns": [{"name", "type", "nullable", "primaryKey", "pii"}]}}.
 */
public record AssetSchema(List<ColumnSpec> columns) {
    public static final int MAX_COLUMNS = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    public AssetSchema {
        columns = List.copyOf(columns);
    }

    /**
     * @throws InvalidInputException for a bad or duplicate name, a type the storage format cannot hold, too
     *                               many columns, or a nullable primary key
     */
    public static AssetSchema of(List<ColumnSpec> columns) throws InvalidInputException {
        if (columns.size() > MAX_COLUMNS) {
            throw new InvalidInputException(
                    "schema has " + columns.size() + " columns; at most " + MAX_COLUMNS + " are allowed");
        }
        Set<String> seen = new HashSet<>();
        for (ColumnSpec column : columns) {
            Names.require("column name", column.name());
            if (!seen.add(column.name())) {
                throw new InvalidInputException("column " + column.name() + " appears twice in the schema");
            }
            ColumnType.parse(
                    column.name(), column.type() == null ? null : column.type().name());
            if (column.primaryKey() && column.nullable()) {
                throw new InvalidInputException(
                        "column " + column.name() + " is part of the primary key and cannot be nullable");
            }
        }
        return new AssetSchema(columns);
    }

    public java.util.Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** This schema with the given columns appended (schema evolution: the caller made them nullable). */
    public AssetSchema plus(List<ColumnSpec> added) {
        List<ColumnSpec> all = new ArrayList<>(columns);
        all.addAll(added);
        return new AssetSchema(all);
    }

    /**
     * This schema with the named columns nullable (a source column that is gone): metadata only, the rows already
     * stored hold no nulls. Names it lacks are left alone.
     */
    public AssetSchema relaxed(java.util.Collection<String> names) {
        return new AssetSchema(columns.stream()
                .map(c -> names.contains(c.name()) && !c.nullable()
                        ? new ColumnSpec(c.name(), c.type(), true, c.primaryKey(), c.pii())
                        : c)
                .toList());
    }

    /** The storage format's schema of these columns. */
    public coop.cpc.lakehouse.columnar.Schema toColumnar() {
        return new coop.cpc.lakehouse.columnar.Schema(columns.stream()
                .map(c -> new coop.cpc.lakehouse.columnar.Column(
                        c.name(), c.type().toColumnar(), c.nullable()))
                .toList());
    }

    public List<String> primaryKey() {
        return columns.stream()
                .filter(ColumnSpec::primaryKey)
                .map(ColumnSpec::name)
                .toList();
    }

    /**
     * A schema that may replace this one on an asset that holds data: every existing column kept
     * with its type and nullability, new columns only nullable, the primary key's columns in the same
     * order (schema evolution; other columns may move).
     *
     * @throws InvalidInputException naming the first column that breaks the rule
     */
    public void requireCompatibleEvolution(AssetSchema next) throws InvalidInputException {
        for (ColumnSpec column : columns) {
            ColumnSpec kept = next.columns.stream()
                    .filter(c -> c.name().equals(column.name()))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException(
                            "column " + column.name() + " cannot be dropped from an asset that holds data"));
            if (!kept.type().equals(column.type())
                    || kept.nullable() != column.nullable()
                    || kept.primaryKey() != column.primaryKey()) {
                throw new InvalidInputException("column " + column.name() + " cannot change from " + describe(column)
                        + " to " + describe(kept) + " on an asset that holds data");
            }
        }
        for (ColumnSpec column : next.columns) {
            boolean added = columns.stream().noneMatch(c -> c.name().equals(column.name()));
            if (added && !column.nullable()) {
                throw new InvalidInputException(
                        "column " + column.name() + " is added to an asset that holds data and must be nullable");
            }
        }
        if (!next.primaryKey().equals(primaryKey())) {
            throw new InvalidInputException("the primary key's column order cannot change from ("
                    + String.join(", ", primaryKey()) + ") to (" + String.join(", ", next.primaryKey())
                    + ") on an asset that holds data: stored rows are keyed, and deleteRows keys are read, in that"
                    + " order");
        }
    }

    private static String describe(ColumnSpec column) {
        return column.type()
                + (column.nullable() ? " nullable" : " not null")
                + (column.primaryKey() ? " primary key" : "");
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("columns");
        for (ColumnSpec column : columns) {
            array.addObject()
                    .put("name", column.name())
                    .put("type", column.type().name())
                    .put("nullable", column.nullable())
                    .put("primaryKey", column.primaryKey())
                    .put("pii", column.pii().name());
        }
        return root.toString();
    }

    /** Reads what {@link #toJson()} wrote. */
    public static AssetSchema fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<ColumnSpec> columns = new ArrayList<>();
            for (JsonNode column : root.path("columns")) {
                columns.add(new ColumnSpec(
                        column.path("name").asText(),
                        new ColumnType(column.path("type").asText()),
                        column.path("nullable").asBoolean(true),
                        column.path("primaryKey").asBoolean(false),
                        PiiCategory.valueOf(column.path("pii").asText(PiiCategory.NONE.name()))));
            }
            return new AssetSchema(columns);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The catalog holds an unreadable asset schema", e);
        }
    }
}
