package coop.cpc.lakehouse.application.asset;

import java.util.Objects;

/** One column of an asset's schema. */
public record ColumnSpec(String name, ColumnType type, boolean nullable, boolean primaryKey, PiiCategory pii) {

    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        pii = pii == null ? PiiCategory.NONE : pii;
    }
}
