package coop.cpc.lakehouse.catalog.lineage;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: the lineage edges between sources and assets. Runs inside the caller's transaction. */
public interface LineageRepository {

    Optional<LineageEdge> find(UUID id);

    /** Edges into the asset (its upstream), oldest first. */
    List<LineageEdge> findUpstream(UUID targetAssetId);

    /** Edges out of the asset (its downstream), oldest first. */
    List<LineageEdge> findDownstream(UUID sourceAssetId);

    /**
     * The oldest {@code limit} edges into any of the assets, oldest first: one step upstream of a whole
     * frontier. Large collections are queried in batches.
     */
    List<LineageEdge> findUpstream(Collection<UUID> targetAssetIds, int limit);

    /** The oldest {@code limit} edges out of any of the assets, oldest first: one step downstream of a frontier. */
    List<LineageEdge> findDownstream(Collection<UUID> sourceAssetIds, int limit);

    /** Edges whose source is the given external URI, oldest first. */
    List<LineageEdge> findBySourceUri(String sourceUri);

    /** Edges recorded by the given job, oldest first. */
    List<LineageEdge> findByJob(UUID jobId);

    /**
     * Records the edge, or one more run of the stored edge it repeats: the same job, source URI, target and
     * transformation, or, without a job, the same source asset, target and transformation. A repeat takes the
     * new run's execution, time, parameters and column mappings as its latest; the stored edge keeps its id.
     */
    void add(LineageEdge edge);

    /**
     * Before the source asset is deleted: its outgoing edges name it by {@code sourceUri} from then on (the
     * foreign key clears {@code source_asset_id}), so the assets derived from it keep their lineage.
     */
    void keepEdgesOfDeletedSource(UUID sourceAssetId, String sourceUri);
}
