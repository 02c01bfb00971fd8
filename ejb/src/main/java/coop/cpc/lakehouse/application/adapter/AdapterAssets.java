package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.table.IncomingColumn;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.columnar.Column;
import java.util.List;

/** The assets the adapters fill: names, schemas with PII categories, classifications and tags. */
public final class AdapterAssets {
    public static final String HEALTH = "health";
    public static final String CRM = "crm";

    private AdapterAssets() {}

    public static NewAsset vitalSigns() throws InvalidInputException {
        return new NewAsset(
                HEALTH,
                "vital_signs",
                "Vital signs from the health module (one row per measurement)",
                AssetType.TIME_SERIES,
                Classification.PHI,
                List.of(
                        col("id", "string", false, true, PiiCategory.DIRECT_IDENTIFIER),
                        col("user_id", "string", false, false, PiiCategory.DIRECT_IDENTIFIER),
                        col("timestamp", "timestamp_ms", false, false, PiiCategory.QUASI_IDENTIFIER),
                        col("measurement_type", "string", false, false, PiiCategory.NONE),
                        col("value", "float64", false, false, PiiCategory.SENSITIVE),
                        col("unit", "string", true, false, PiiCategory.NONE),
                        col("source", "string", true, false, PiiCategory.NONE),
                        col("notes", "string", true, false, PiiCategory.SENSITIVE)),
                List.of("health", "vital_sign", "time_series"));
    }

    public static NewAsset patients() throws InvalidInputException {
        return new NewAsset(
                HEALTH,
                "patients",
                "Patients' demographics and contact data",
                AssetType.STRUCTURED,
                Classification.PHI,
                List.of(
                        col("user_id", "string", false, true, PiiCategory.DIRECT_IDENTIFIER),
                        col("given_name", "string", true, false, PiiCategory.DIRECT_IDENTIFIER),
                        col("family_name", "string", true, false, PiiCategory.DIRECT_IDENTIFIER),
                        col("birth_date", "date", true, false, PiiCategory.QUASI_IDENTIFIER),
                        col("zip", "string", true, false, PiiCategory.QUASI_IDENTIFIER),
                        col("sex", "string", true, false, PiiCategory.QUASI_IDENTIFIER),
                        col("phone", "string", true, false, PiiCategory.DIRECT_IDENTIFIER),
                        col("email", "string", true, false, PiiCategory.DIRECT_IDENTIFIER)),
                List.of("health", "patient", "demographics"));
    }

    public static NewAsset interactions() throws InvalidInputException {
        return new NewAsset(
                CRM,
                "interactions",
                "Customer interactions from the CRM module",
                AssetType.TIME_SERIES,
                Classification.CONFIDENTIAL,
                List.of(
                        col("customer_id", "string", false, false, PiiCategory.DIRECT_IDENTIFIER),
                        col("timestamp", "timestamp_ms", false, false, PiiCategory.QUASI_IDENTIFIER),
                        col("interaction_type", "string", false, false, PiiCategory.NONE),
                        col("channel", "string", true, false, PiiCategory.NONE),
                        col("outcome", "string", true, false, PiiCategory.NONE),
                        col("value", "float64", true, false, PiiCategory.NONE)),
                List.of("crm", "interaction", "time_series"));
    }

    /** The columns of an asset as the table writer's text import takes them. */
    public static List<IncomingColumn> incoming(NewAsset asset) {
        return asset.columns().stream()
                .map(c -> new IncomingColumn(c.name(), c.type().name()))
                .toList();
    }

    /** An asset's columns as the storage format has them, for the rows an adapter writes to it. */
    static List<Column> storageColumns(DataAsset asset) {
        return AssetSchema.fromJson(asset.getSchema()).toColumnar().columns();
    }

    static ColumnSpec col(String name, String type, boolean nullable, boolean primaryKey, PiiCategory pii)
            throws InvalidInputException {
        return new ColumnSpec(name, ColumnType.parse(name, type), nullable, primaryKey, pii);
    }
}
