package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.table.ReadsInFlight;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.internal.MergeIndexCache;
import coop.cpc.lakehouse.application.table.internal.MergeIndexVersions;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.SegmentWriter;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An asset's rows as real segment files in a storage folder, read by a real {@link AssetRows}. */
final class StoredSegments {
    private StoredSegments() {}

    /** One live segment: its kind, data sequence and rows (a delete segment's rows hold the key columns only). */
    record Stored(SegmentKind kind, long dataSequence, List<Object[]> rows) {
        static Stored data(long dataSequence, Object[]... rows) {
            return new Stored(SegmentKind.DATA, dataSequence, List.of(rows));
        }

        static Stored deletes(long dataSequence, Object[]... keys) {
            return new Stored(SegmentKind.DELETES, dataSequence, List.of(keys));
        }
    }

    /**
     * Writes each list of rows (in the asset's column order) as one live data segment (data sequence 1) of the
     * asset's new current snapshot, in row groups of {@code rowGroupSize}, and returns the reader of them.
     */
    static AssetRows of(DataAsset asset, Path storage, int rowGroupSize, List<List<Object[]>> segments)
            throws Exception {
        return stored(
                asset,
                storage,
                rowGroupSize,
                segments.stream()
                        .map(rows -> new Stored(SegmentKind.DATA, 1, rows))
                        .toList());
    }

    /** {@link #of}, with each segment's kind and data sequence as given (upserts and deletes of a keyed asset). */
    static AssetRows stored(DataAsset asset, Path storage, int rowGroupSize, List<Stored> segments) throws Exception {
        return stored(asset, storage, rowGroupSize, segments, new AssetRows());
    }

    /** {@link #stored(DataAsset, Path, int, List)} read by the given reader (a subclass that counts its scans). */
    static AssetRows stored(DataAsset asset, Path storage, int rowGroupSize, List<Stored> segments, AssetRows reader)
            throws Exception {
        AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
        List<Column> columns = schema.columns().stream()
                .map(c -> new Column(c.name(), c.type().toColumnar(), c.nullable()))
                .toList();
        List<Column> keyColumns = schema.primaryKey().stream()
                .map(k -> schema.column(k).orElseThrow())
                .map(c -> new Column(c.name(), c.type().toColumnar(), false))
                .toList();
        UUID snapshot = UUID.randomUUID();
        List<WebmSegment> live = new ArrayList<>();
        long total = 0;
        for (Stored segment : segments) {
            String name = asset.getName() + "-" + live.size() + ".webm";
            boolean deletes = segment.kind() == SegmentKind.DELETES;
            try (OutputStream out = Files.newOutputStream(storage.resolve(name));
                    SegmentWriter writer = WebmColumnar.write(out)
                            .schema(new Schema(deletes ? keyColumns : columns))
                            .rowGroupSize(rowGroupSize)
                            .build()) {
                for (Object[] row : segment.rows()) {
                    writer.add(row);
                }
            }
            live.add(new WebmSegment(
                    asset.getId(),
                    snapshot,
                    name,
                    segment.kind(),
                    segment.rows().size(),
                    1,
                    "0".repeat(64),
                    "{}",
                    segment.dataSequence()));
            total += deletes ? 0 : segment.rows().size();
        }
        asset.commitSnapshot(snapshot, total, 0);
        reader.files = new SegmentFiles(storage);
        reader.versions = new MergeIndexVersions(reader.files, new MergeIndexCache());
        reader.reads = new ReadsInFlight();
        // The asset is in the catalog (a test of a deletion under way replaces this).
        reader.catalog = (AssetRepository) Proxy.newProxyInstance(
                AssetRepository.class.getClassLoader(),
                new Class<?>[] {AssetRepository.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("find")) {
                        return Optional.of(asset).filter(a -> a.getId().equals(args[0]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        reader.segments = (SegmentRepository) Proxy.newProxyInstance(
                SegmentRepository.class.getClassLoader(),
                new Class<?>[] {SegmentRepository.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("findLiveAt")) {
                        return live;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return reader;
    }
}
