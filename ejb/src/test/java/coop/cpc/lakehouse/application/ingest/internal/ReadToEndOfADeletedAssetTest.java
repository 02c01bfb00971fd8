package coop.cpc.lakehouse.application.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.ingest.RunStepException;
import coop.cpc.lakehouse.application.source.SourceReader;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A run that has read its source to the end records the assets it read whole, unless deleteAsset removed one. */
class ReadToEndOfADeletedAssetTest {
    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final DefaultIngestionRunService service = new DefaultIngestionRunService();
    private final UUID job = UUID.randomUUID();

    ReadToEndOfADeletedAssetTest() {
        service.runs = catalog.runs;
        service.assets = catalog.assets;
    }

    @Test
    void recordsTheAssetsReadWholeLockedAsReferenced() throws Exception {
        DataAsset target = asset("visits");

        service.readToEnd(job, 7, 70, reading(target.getId()));

        assertThat(catalog.runs.readWhole(7)).containsExactly(target.getId());
        assertThat(catalog.referenceLocks).containsExactly(target.getId());
    }

    @Test
    void aTargetADeleteAssetUnderWayRemovesIsRefusedAsAnUnknownAssetNamingIt() {
        DataAsset target = asset("visits");
        // deleteAsset holds the asset's row: the run's lock on it waits until the deletion has committed.
        catalog.whileReferenceLockWaits = () -> catalog.assetRows.remove(target.getId());

        assertThatThrownBy(() -> service.readToEnd(job, 7, 70, reading(target.getId())))
                .isInstanceOf(RunStepException.class)
                .hasCauseInstanceOf(UnknownAssetException.class)
                .hasMessage("No asset with id " + target.getId()
                        + ": the target asset was deleted during the run; nothing was committed");
        assertThat(catalog.runs.readWhole(7)).isEmpty();
    }

    private DataAsset asset(String name) {
        DataAsset asset =
                new DataAsset("ingest", name, AssetType.STRUCTURED, Classification.INTERNAL, "{\"columns\":[]}");
        catalog.assetRows.put(asset.getId(), asset);
        return asset;
    }

    /** A source that has read to its end, into these assets. */
    private static SourceReader reading(UUID... assets) {
        return (SourceReader) Proxy.newProxyInstance(
                SourceReader.class.getClassLoader(), new Class<?>[] {SourceReader.class}, (proxy, method, args) -> {
                    if (method.getName().equals("assets")) {
                        return Set.of(assets);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
