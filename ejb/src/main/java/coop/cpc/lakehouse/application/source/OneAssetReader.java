package coop.cpc.lakehouse.application.source;

import coop.cpc.lakehouse.columnar.Column;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A reader whose every row goes to one asset with one set of columns (all kinds but sled). */
public abstract class OneAssetReader implements SourceReader {
    private final UUID asset;
    private final List<Column> columns;

    protected OneAssetReader(UUID asset, List<Column> columns) {
        this.asset = asset;
        this.columns = columns;
    }

    @Override
    public final UUID asset() {
        return asset;
    }

    @Override
    public final Set<UUID> assets() {
        return Set.of(asset);
    }

    @Override
    public final List<Column> columns() {
        return columns;
    }
}
