package coop.cpc.lakehouse.application.source.sled;

import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.source.SourceSettings;
import coop.cpc.lakehouse.ingest.sled.SledValueFormat;
import java.util.List;

/**
 * A sled 0.34 database folder; each tree feeds its own asset {@code targetNamespace.<assetPrefix>_<tree>},
 * created on the first run, with the columns {@code key bytes} and the value as {@code valueFormat} says.
 *
 * @param path         the database folder, inside one of the configured {@code local_source_roots}
 * @param trees        the trees to read, or empty for all (the default tree is {@code __sled__default})
 * @param valueFormat  BYTES: column {@code value bytes}; UTF8: column {@code value string};
 *                     JSON: the {@code valueColumns} read from each value's JSON object
 * @param valueColumns the columns of a JSON value (nullable ones may be missing); empty otherwise
 */
public record SledSettings(
        String path,
        List<String> trees,
        String targetNamespace,
        String assetPrefix,
        SledValueFormat valueFormat,
        List<ColumnSpec> valueColumns)
        implements SourceSettings {

    public SledSettings {
        trees = trees == null ? List.of() : List.copyOf(trees);
        valueFormat = valueFormat == null ? SledValueFormat.BYTES : valueFormat;
        valueColumns = valueColumns == null ? List.of() : List.copyOf(valueColumns);
    }
}
