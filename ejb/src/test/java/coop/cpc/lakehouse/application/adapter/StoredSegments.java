package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.table.SegmentFiles;
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
import java.util.UUID;

/** An asset's rows as real segment files in a storage folder, read by a real {@link AssetRows}. */
final class StoredSegments {
    private StoredSegments() {}

    /**
     * Writes each list of rows (in the asset's column order) as one live segment of the asset's new current
     * snapshot, in row groups of {@code rowGroupSize}, and returns the reader of them.
     */
    static AssetRows of(DataAsset asset, Path storage, int rowGroupSize, List<List<Object[]>> segments)
            throws Exception {
        List<Column> columns = AssetSchema.fromJson(asset.getSchema()).columns().stream()
                .map(c -> new Column(c.name(), c.type().toColumnar(), c.nullable()))
                .toList();
        UUID snapshot = UUID.randomUUID();
        List<WebmSegment> live = new ArrayList<>();
        long total = 0;
        for (List<Object[]> rows : segments) {
            String name = asset.getName() + "-" + live.size() + ".webm";
            try (OutputStream out = Files.newOutputStream(storage.resolve(name));
                    SegmentWriter writer = WebmColumnar.write(out)
                            .schema(new Schema(columns))
                            .rowGroupSize(rowGroupSize)
                            .build()) {
                for (Object[] row : rows) {
                    writer.add(row);
                }
            }
            live.add(new WebmSegment(
                    asset.getId(), snapshot, name, SegmentKind.DATA, rows.size(), 1, "0".repeat(64), "{}", 1));
            total += rows.size();
        }
        asset.commitSnapshot(snapshot, total, 0);
        AssetRows reader = new AssetRows();
        reader.files = new SegmentFiles(storage);
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
