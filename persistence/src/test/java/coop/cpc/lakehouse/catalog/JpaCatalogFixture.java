package coop.cpc.lakehouse.catalog;

import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.jpa.JpaAssetRepository;
import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
import coop.cpc.lakehouse.catalog.lineage.Transformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the tests that need the JPA persistence unit on a freshly migrated embedded catalog: one database per
 * test class, opened before its first test and closed after its last.
 */
public abstract class JpaCatalogFixture {

    private static EmbeddedCatalog catalog;

    /** The persistence unit on this class's database. */
    protected static CatalogPersistence jpa;

    @BeforeAll
    static void openCatalog() {
        catalog = EmbeddedCatalog.start();
        jpa = CatalogPersistence.open(catalog.newDatabase());
    }

    @AfterAll
    static void closeCatalog() throws Exception {
        try {
            jpa.close();
        } finally {
            catalog.close();
        }
    }

    /** A stored structured PHI asset {@code health.<name>} with no columns. */
    protected static DataAsset asset(String name) {
        DataAsset asset =
                new DataAsset("health", name, AssetType.STRUCTURED, Classification.PHI, DataAsset.EMPTY_SCHEMA);
        jpa.run(em -> new JpaAssetRepository(em).add(asset));
        return asset;
    }

    /** An unsaved INGEST edge into {@code target} from an asset or an external source, by no job. */
    protected static LineageEdge ingestEdge(DataAsset sourceOrNull, String sourceUriOrNull, DataAsset target) {
        return new LineageEdge(
                sourceOrNull == null ? null : sourceOrNull.getId(),
                sourceUriOrNull,
                target.getId(),
                Transformation.INGEST,
                "{}",
                "[]",
                null,
                null,
                "op");
    }
}
