package coop.cpc.lakehouse.application.adapter;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.security.RowAccessPolicy;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checks {@link HealthAdapterService#publishResearchExtract} makes before it reads or writes anything: the
 * service has no reader, writer nor derived-asset helper here, so a call that got past them would fail otherwise.
 */
class HealthAdapterServiceTest {
    final InMemoryAssetService catalog = new InMemoryAssetService();
    final HealthAdapterService health = new HealthAdapterService();

    @BeforeEach
    void service() {
        health.assets = catalog;
    }

    private void existing(String namespace, String name) throws Exception {
        catalog.create(new NewAsset(
                namespace,
                name,
                "an earlier extract's",
                AssetType.STRUCTURED,
                Classification.RESTRICTED,
                List.of(AdapterAssets.col("subject", "string", false, false, PiiCategory.NONE)),
                List.of()));
    }

    private ResearchExtractRequest request(String name) {
        return new ResearchExtractRequest(name, List.of(UUID.randomUUID()), List.of(), 2);
    }

    @Test
    void anExistingExtractIsRefusedAsAssetAlreadyExistsBeforeAnythingIsRead() throws Exception {
        existing(RowAccessPolicy.RESEARCH_NAMESPACE, "study");

        assertThatThrownBy(() -> health.publishResearchExtract(request("study")))
                .isInstanceOf(AssetAlreadyExistsException.class)
                .hasMessage("An asset research.study exists already (choose another name; nothing was written)");
    }

    /** The keys of an earlier extract whose research.study was deleted: refused before the extract is written. */
    @Test
    void anExistingKeysAssetIsRefusedAsAssetAlreadyExistsBeforeAnythingIsRead() throws Exception {
        existing(HealthAdapterService.KEYS_NAMESPACE, "study_pseudonyms");

        assertThatThrownBy(() -> health.publishResearchExtract(request("study")))
                .isInstanceOf(AssetAlreadyExistsException.class)
                .hasMessage("An asset research_keys.study_pseudonyms exists already"
                        + " (choose another name; nothing was written)");
    }
}
