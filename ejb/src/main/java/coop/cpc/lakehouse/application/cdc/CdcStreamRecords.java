package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.asset.AssetService;
import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Records a new stream and creates its assets, in ONE transaction (an asset name taken: nothing is created). */
@Stateless
public class CdcStreamRecords {

    @EJB
    AssetService assets;

    @EJB
    CdcCatalog catalog;

    /** The transaction's persistence context: flushed so the assets exist for the plain-SQL rows that name them. */
    @PersistenceContext(unitName = "lakehouse")
    EntityManager entityManager;

    /** A table to capture and the asset it gets. */
    record Planned(String sourceTable, String assetName, SourceTables.Shape shape) {}

    @Resource
    SessionContext context;

    /**
     * @param stream the new stream, not recorded yet (version 0, no tables): it is recorded with the tables of
     *     {@code planned}
     * @throws CdcStreamTakenException when another stream took the name or slot meanwhile
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public CdcStream create(CdcStream stream, List<Planned> planned, String createdBy)
            throws InvalidInputException, AssetAlreadyExistsException, CdcStreamTakenException {
        try {
            return record(stream, planned, createdBy);
        } catch (InvalidInputException | AssetAlreadyExistsException | CdcStreamTakenException e) {
            // A checked exception would commit the assets created before it: nothing of a refused stream stays.
            context.setRollbackOnly();
            throw e;
        }
    }

    private CdcStream record(CdcStream stream, List<Planned> planned, String createdBy)
            throws InvalidInputException, AssetAlreadyExistsException, CdcStreamTakenException {
        List<CdcTable> tables = createAssets(stream, planned);
        CdcStream recorded = stream.withTables(tables);
        entityManager.flush();
        catalog.insert(recorded, createdBy);
        return recorded;
    }

    /** Adds the planned tables, each with its copy pending, in ONE transaction (an asset name taken: nothing is added). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void addTables(CdcStream stream, List<Planned> planned)
            throws InvalidInputException, AssetAlreadyExistsException {
        try {
            List<CdcTable> tables = new ArrayList<>();
            Instant requested = Instant.now();
            for (CdcTable added : createAssets(stream, planned)) {
                // Its existing rows are copied by the running stream (TableCopies).
                tables.add(new CdcTable(added.sourceTable(), added.assetId(), added.keyColumns(), requested, null));
            }
            entityManager.flush();
            catalog.addTables(stream.id(), tables);
        } catch (InvalidInputException | AssetAlreadyExistsException e) {
            context.setRollbackOnly();
            throw e;
        }
    }

    /** The target asset of each planned table, created in the stream's namespace with its tags. */
    private List<CdcTable> createAssets(CdcStream stream, List<Planned> planned)
            throws InvalidInputException, AssetAlreadyExistsException {
        List<CdcTable> tables = new ArrayList<>();
        for (Planned p : planned) {
            UUID assetId = assets.create(new NewAsset(
                            stream.targetNamespace(),
                            p.assetName(),
                            "Change data capture of " + p.sourceTable() + " (stream " + stream.name() + ")",
                            AssetType.STRUCTURED,
                            Classification.INTERNAL,
                            p.shape().columns(),
                            stream.tags()))
                    .getId();
            tables.add(new CdcTable(p.sourceTable(), assetId, p.shape().key()));
        }
        return tables;
    }
}
