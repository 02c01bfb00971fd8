package coop.cpc.lakehouse.application.lineage;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import jakarta.ejb.Local;
import java.util.UUID;

/** Reads the lineage graph the catalog records for each ingestion and transformation. */
@Local
public interface LineageService {

    /**
     * The graph around the asset: at most 500 edges, nearer levels first ({@link LineageGraph#truncated} when more
     * lie within the depth).
     *
     * @param depth how many edges away from the asset to walk, 1 to 10
     */
    LineageGraph lineage(UUID assetId, LineageDirection direction, int depth)
            throws UnknownAssetException, InvalidInputException;
}
