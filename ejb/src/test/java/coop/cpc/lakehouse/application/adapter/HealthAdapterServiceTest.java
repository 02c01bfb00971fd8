package coop.cpc.lakehouse.application.adapter;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
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

    /**
     * A quasi-identifier the source's schema does not give is refused from the schema, before a row is read (the
     * service has no reader here: a read would fail otherwise); it cost a load of up to 2,000,000 rows first.
     */
    @Test
    void anUnknownQuasiIdentifierIsRefusedNamingItBeforeAnyRowIsRead() throws Exception {
        UUID patients = catalog.create(new NewAsset(
                        "clinic",
                        "patients",
                        "patients",
                        AssetType.STRUCTURED,
                        Classification.PHI,
                        List.of(
                                AdapterAssets.col("patient_id", "string", false, true, PiiCategory.DIRECT_IDENTIFIER),
                                AdapterAssets.col("sex", "string", true, false, PiiCategory.QUASI_IDENTIFIER),
                                AdapterAssets.col("visits", "int32", true, false, PiiCategory.NONE)),
                        List.of()))
                .getId();

        assertThatThrownBy(() -> health.publishResearchExtract(
                        new ResearchExtractRequest("study", List.of(patients), List.of("visits", "ethnicty"), 2)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("quasiIdentifiers: ethnicty is not a column of the extract");
    }
}
