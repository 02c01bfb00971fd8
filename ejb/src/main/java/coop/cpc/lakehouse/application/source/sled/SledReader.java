package coop.cpc.lakehouse.application.source.sled;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.source.ColumnMappings;
import coop.cpc.lakehouse.application.source.LocalSourcePaths;
import coop.cpc.lakehouse.application.source.RunAssets;
import coop.cpc.lakehouse.application.source.SourceReader;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.RowSink;
import coop.cpc.lakehouse.ingest.record.ColumnMapping;
import coop.cpc.lakehouse.ingest.sled.SledCheckpoint;
import coop.cpc.lakehouse.ingest.sled.SledDatabaseSource;
import coop.cpc.lakehouse.ingest.sled.SledPairReader;
import coop.cpc.lakehouse.ingest.sled.SledValueFormat;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A sled database read tree by tree, each tree into its own asset, created by the first run that
 * finds it missing. The checkpoint is the tree and the last key read.
 */
final class SledReader implements SourceReader {
    private final Path folder;
    private final SledDatabaseSource database;
    private final SledPairReader reader;
    private final Map<String, UUID> assetOfTree;
    private final Map<UUID, String> treeOfAsset = new HashMap<>();
    private final Map<String, List<Column>> columnsOfTree = new HashMap<>();

    private SledReader(
            Path folder, SledDatabaseSource database, Map<String, UUID> assetOfTree, Serializable checkpoint) {
        this.folder = folder;
        this.database = database;
        this.assetOfTree = assetOfTree;
        assetOfTree.forEach((tree, asset) -> treeOfAsset.put(asset, tree));
        for (String tree : database.trees()) {
            columnsOfTree.put(tree, database.assetSchema(tree).columns());
        }
        this.reader = database.open(checkpoint instanceof SledCheckpoint from ? from : SledCheckpoint.START);
    }

    static SourceReader open(SledSettings source, LakehouseSettings settings, RunAssets assets, Serializable checkpoint)
            throws Exception {
        Path folder = LocalSourcePaths.requireLocalSourceFolder("sled.path", source.path(), settings);
        LocalSourcePaths.requireNoLinks("sled.path", source.path(), List.of());
        Schema valueColumns = source.valueFormat() == SledValueFormat.JSON
                ? new AssetSchema(source.valueColumns()).toColumnar()
                : null;
        SledDatabaseSource database =
                SledDatabaseSource.open(folder, source.trees(), source.valueFormat(), valueColumns);
        try {
            Map<String, UUID> assetOfTree = new HashMap<>();
            for (Map.Entry<String, String> tree :
                    database.assetNames(source.assetPrefix()).entrySet()) {
                UUID asset =
                        assets.find(source.targetNamespace(), tree.getValue()).orElse(null);
                if (asset == null) {
                    asset = create(
                            assets,
                            source,
                            folder,
                            tree.getKey(),
                            tree.getValue(),
                            database.assetSchema(tree.getKey()));
                }
                assetOfTree.put(tree.getKey(), asset);
            }
            return new SledReader(folder, database, assetOfTree, checkpoint);
        } catch (Exception e) {
            database.close();
            throw e;
        }
    }

    private static UUID create(
            RunAssets assets, SledSettings source, Path folder, String tree, String name, Schema schema)
            throws InvalidInputException, AssetAlreadyExistsException {
        List<ColumnSpec> columns = new ArrayList<>();
        for (Column column : schema.columns()) {
            columns.add(new ColumnSpec(
                    column.name(),
                    ColumnType.parse(column.name(), column.type().toString()),
                    column.nullable(),
                    column.name().equals("key"),
                    PiiCategory.NONE));
        }
        return assets.create(new NewAsset(
                source.targetNamespace(),
                name,
                "Tree " + tree + " of the sled database " + folder,
                AssetType.SEMI_STRUCTURED,
                Classification.INTERNAL,
                columns,
                List.of("sled")));
    }

    @Override
    public boolean readNext(RowSink sink) throws Exception {
        return reader.readNext(sink);
    }

    @Override
    public UUID asset() {
        return assetOfTree.get(reader.currentTree());
    }

    /** One per tree read, also a tree that is empty now. */
    @Override
    public Set<UUID> assets() {
        return Set.copyOf(assetOfTree.values());
    }

    @Override
    public List<Column> columns() {
        return columnsOfTree.get(reader.currentTree());
    }

    @Override
    public Serializable checkpoint() {
        return reader.checkpoint();
    }

    @Override
    public String sourceUri(UUID asset) {
        return "sled:" + folder + "#" + treeOfAsset.get(asset);
    }

    @Override
    public List<ColumnMapping> columnMappings(UUID asset) {
        String tree = treeOfAsset.get(asset);
        var mapping = reader.mapping(tree);
        return mapping == null || mapping.mappings().isEmpty()
                ? ColumnMappings.identity(columnsOfTree.get(tree))
                : mapping.mappings();
    }

    @Override
    public void close() throws Exception {
        try {
            reader.close();
        } finally {
            database.close();
        }
    }
}
