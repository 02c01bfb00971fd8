package coop.cpc.lakehouse.application.lineage.internal;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.application.lineage.LineageDirection;
import coop.cpc.lakehouse.application.lineage.LineageGraph;
import coop.cpc.lakehouse.application.lineage.LineageService;
import coop.cpc.lakehouse.application.security.OperationGate;
import coop.cpc.lakehouse.application.security.Role;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.lineage.LineageRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@link LineageService}: walks {@code data_lineage} breadth first, one query per level and direction. */
@Stateless
public class DefaultLineageService implements LineageService {
    static final int MIN_DEPTH = 1;
    static final int MAX_DEPTH = 10;
    /**
     * The most edges one answer holds: every committed ingestion run adds an edge, so an asset fed every minute
     * has hundreds of thousands. The nearest levels come first, oldest first within a level.
     */
    static final int MAX_EDGES = 500;

    @Inject
    LineageRepository lineage;

    @Inject
    AssetRepository assets;

    @Inject
    OperationGate gate;

    @Override
    @Audited(action = AuditAction.READ, resource = "lineage")
    public LineageGraph lineage(UUID assetId, LineageDirection direction, int depth)
            throws UnknownAssetException, InvalidInputException {
        validDepth(depth);
        if (direction == null) {
            throw new InvalidInputException("direction is required: UPSTREAM, DOWNSTREAM or BOTH");
        }
        DataAsset asset = assets.find(assetId).orElseThrow(() -> new UnknownAssetException("with id " + assetId));
        LineageWalk.Found found = new LineageWalk(lineage::findUpstream, lineage::findDownstream)
                .walk(assetId, direction, depth, MAX_EDGES);
        Map<UUID, String> names = names(LineageGraphs.assetIds(assetId, found.edges()));
        names.put(assetId, qualifiedName(asset));
        return LineageGraphs.assemble(assetId, found.edges(), found.truncated(), names, sourceDetails());
    }

    /** An external source's URI holds connection details (hosts, folders): admins only, as in job settings. */
    private LineageGraphs.SourceDetails sourceDetails() {
        return gate.callerRoles().contains(Role.ADMIN)
                ? LineageGraphs.SourceDetails.SHOWN
                : LineageGraphs.SourceDetails.HIDDEN;
    }

    static int validDepth(int depth) throws InvalidInputException {
        if (depth < MIN_DEPTH || depth > MAX_DEPTH) {
            throw new InvalidInputException(
                    "depth is " + depth + "; it must be from " + MIN_DEPTH + " to " + MAX_DEPTH);
        }
        return depth;
    }

    /**
     * One look-up by primary key per asset: AssetRepository has no batch look-up yet. The
     * persistence context serves repeats, and the count is bounded by the graph's size.
     */
    private Map<UUID, String> names(Set<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        for (UUID id : ids) {
            assets.find(id).ifPresent(asset -> names.put(id, qualifiedName(asset)));
        }
        return names;
    }

    private static String qualifiedName(DataAsset asset) {
        return asset.getNamespace() + "." + asset.getName();
    }
}
