package coop.cpc.lakehouse.application.asset.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.cdc.CdcStreamRepository;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An asset a CDC stream writes into cannot be deleted (the stream's table row names it): the refusal names the
 * stream and what to do, instead of a foreign-key violation at commit.
 */
class StreamedAssetDeletionTest {
    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final DefaultAssetService assets = AssetServiceFixture.wired(catalog);

    @Test
    void anAssetACdcStreamWritesIntoIsRefusedNamingTheStream() {
        DataAsset fed = new DataAsset("cdchunt", "fed", AssetType.STRUCTURED, Classification.INTERNAL, "{}");
        catalog.assets.add(fed);
        assets.cdcStreams = streamsWriting(Map.of(fed.getId(), List.of("hunt_delete_it")));

        assertThatThrownBy(() -> assets.delete(fed.getId()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("asset cdchunt.fed is written by CDC stream hunt_delete_it; delete the stream first"
                        + " (deleteCdcStream), then the asset");
        assertThat(catalog.assets.find(fed.getId())).isPresent();
    }

    /** The streams of a catalog, of which only {@link CdcStreamRepository#namesWriting} is asked. */
    private static CdcStreamRepository streamsWriting(Map<UUID, List<String>> namesByAsset) {
        return (CdcStreamRepository) Proxy.newProxyInstance(
                CdcStreamRepository.class.getClassLoader(),
                new Class<?>[] {CdcStreamRepository.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("namesWriting")) {
                        return namesByAsset.getOrDefault((UUID) args[0], List.of());
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
