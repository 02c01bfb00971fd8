package coop.cpc.lakehouse.application.cdc;

import static coop.cpc.lakehouse.application.cdc.OrdersStream.ID_AND_V;
import static coop.cpc.lakehouse.application.cdc.OrdersStream.ROW;
import static coop.cpc.lakehouse.application.cdc.OrdersStream.ROW_WITH_NOTE;
import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.CompactionDeferral;
import coop.cpc.lakehouse.application.testing.PartialFake;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** A stream's commits map changes to the asset schema kept from the last commit, read again only when it changed. */
class CdcApplierSchemaCacheTest {

    private final DataAsset asset =
            new DataAsset("sales", "orders", AssetType.STRUCTURED, Classification.INTERNAL, ID_AND_V);
    private final CdcTable table = new CdcTable("public.orders", asset.getId(), List.of("id"));
    private final CdcStream stream = OrdersStream.capturing(List.of(table));
    private final RecordedCommits committed = new RecordedCommits();
    private final CdcApplier applier = new CdcApplier();
    private int reads;

    CdcApplierSchemaCacheTest() {
        applier.assets = assets();
        applier.deferral = new CompactionDeferral();
        applier.tables = committed.tables();
    }

    @Test
    void commitsOfOneStreamReadTheAssetOnce() throws Exception {
        AssetSchemas schemas = new AssetSchemas();
        for (long id = 1; id <= 3; id++) {
            applier.apply(stream, List.of(insert(ROW, id)), Map.of("lsn", id), id - 2, schemas);
        }
        assertThat(reads).isEqualTo(1);
        assertThat(committed.commits).hasSize(3);
        assertThat(committed.of(2, asset.getId()).columns())
                .extracting(c -> c.name())
                .containsExactly("id", "v");
    }

    @Test
    void aCommitThatAddsASourceColumnMakesTheNextOneReadTheAssetAgain() throws Exception {
        AssetSchemas schemas = new AssetSchemas();
        applier.apply(stream, List.of(insert(ROW, 1)), Map.of("lsn", 1L), -1, schemas);
        applier.apply(stream, List.of(insert(ROW_WITH_NOTE, 2)), Map.of("lsn", 2L), 0, schemas);
        assertThat(committed.of(1, asset.getId()).columns())
                .extracting(c -> c.name())
                .containsExactly("id", "v", "note");
        assertThat(reads).isEqualTo(1);

        applier.apply(stream, List.of(insert(ROW_WITH_NOTE, 3)), Map.of("lsn", 3L), 1, schemas);
        assertThat(reads).as("the schema the adding commit left is read").isEqualTo(2);
    }

    @Test
    void withoutKeptSchemasEachCommitReadsTheAsset() throws Exception {
        applier.apply(stream, List.of(insert(ROW, 1)), Map.of("lsn", 1L), -1);
        applier.apply(stream, List.of(insert(ROW, 2)), Map.of("lsn", 2L), 0);
        assertThat(reads).isEqualTo(2);
    }

    private SourceChange insert(Schema schema, long id) {
        Struct after = new Struct(schema).put("id", id).put("v", id * 10);
        if (schema.field("note") != null) {
            after.put("note", "n" + id);
        }
        return new SourceChange("public.orders", SourceChange.Kind.UPSERT, null, after);
    }

    private AssetRepository assets() {
        return PartialFake.of(AssetRepository.class, new Object() {
            Optional<DataAsset> find(UUID id) {
                reads++;
                return id.equals(asset.getId()) ? Optional.of(asset) : Optional.empty();
            }
        });
    }
}
