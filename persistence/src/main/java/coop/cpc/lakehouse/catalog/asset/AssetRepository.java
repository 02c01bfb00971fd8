package coop.cpc.lakehouse.catalog.asset;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Port: the stored data assets. Runs inside the caller's transaction. */
public interface AssetRepository {

    Optional<DataAsset> find(UUID id);

    Optional<DataAsset> findByName(String namespace, String name);

    /** The row counts of those of the assets that exist, by id: one query however many ids. */
    Map<UUID, Long> rowCounts(Collection<UUID> ids);

    /**
     * The asset, locked until the caller's transaction ends (SELECT ... FOR UPDATE): commits to one
     * asset take turns, so each one moves the current snapshot from the one it saw.
     */
    Optional<DataAsset> findForUpdate(UUID id);

    /**
     * Locks the asset's row against rows that reference it (SELECT ... FOR UPDATE, which, unlike
     * JPA's PESSIMISTIC_WRITE on PostgreSQL, conflicts with a foreign-key check): a transaction
     * inserting such a row finishes first, and later ones wait for the caller's transaction.
     *
     * @return false when the asset does not exist
     */
    boolean lockAgainstReferences(UUID id);

    /**
     * Takes, up front, the lock a foreign-key check takes on the asset's row (SELECT ... FOR KEY SHARE), for a
     * caller about to insert a row that references the asset: a deletion under way ({@link #lockAgainstReferences})
     * finishes first and the asset is then found gone, where the insert would fail at COMMIT on the foreign key; a
     * deletion that begins later waits for the caller's transaction. Commits to the asset do not wait for it.
     *
     * @return false when the asset does not exist (a deletion that committed meanwhile included)
     */
    boolean lockAsReferenced(UUID id);

    /**
     * One page of assets ordered by (namespace, name).
     *
     * @param namespaceOrNull only this namespace, or all when null
     * @param tagsAllOf       only assets carrying every one of these tags; empty for any
     * @param afterOrNull     start after this position, or at the beginning when null
     * @param limit           at most this many assets (positive)
     */
    List<DataAsset> page(String namespaceOrNull, List<String> tagsAllOf, AssetCursor afterOrNull, int limit);

    void add(DataAsset asset);

    /** Removes the asset; its snapshots, segments and incoming lineage go with it (cascading FKs). */
    void remove(DataAsset asset);
}
