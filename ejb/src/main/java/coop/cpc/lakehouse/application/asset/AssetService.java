package coop.cpc.lakehouse.application.asset;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.catalog.asset.AssetCursor;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import jakarta.ejb.Local;
import java.util.List;
import java.util.UUID;

/** Reads and manages the catalog's data assets. */
@Local
public interface AssetService {
    /** How many snapshots or segments per asset a history shows when the caller does not say. */
    int DEFAULT_HISTORY = 100;

    DataAsset get(UUID id) throws UnknownAssetException;

    DataAsset get(String namespace, String name) throws UnknownAssetException, InvalidInputException;

    /**
     * @param namespace only this namespace, or all when null
     * @param tags      only assets with all of these tags
     * @param after     continue after this asset, or from the start when null
     * @param first     page size, 1 to the configured maximum
     */
    Page<DataAsset> list(String namespace, List<String> tags, AssetCursor after, int first)
            throws InvalidInputException;

    DataAsset create(NewAsset asset) throws InvalidInputException, AssetAlreadyExistsException;

    DataAsset update(UUID id, AssetChanges changes)
            throws UnknownAssetException, InvalidInputException, StaleVersionException;

    /**
     * The size of a snapshot or segment in an answer apart from its free text (ids, numbers, times, names): what the
     * API counts against {@code graphql_max_response_bytes} for each, besides that text.
     */
    int HISTORY_ITEM_BYTES = 300;

    /**
     * The newest snapshots of each asset, oldest first: their recent history, for time travel. One query for all.
     * Refused before any is loaded when they would make an answer larger than {@code graphql_max_response_bytes}.
     *
     * @param last how many per asset, 1 to the configured maximum page size; null: {@link #DEFAULT_HISTORY}, or the
     *     maximum page size if that is smaller
     */
    java.util.Map<UUID, List<coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot>> snapshots(List<UUID> ids, Integer last)
            throws InvalidInputException;

    /**
     * The segment files last added to each asset, live or removed, in the order they were added. One query for
     * all. Refused before any is loaded when they would make an answer larger than {@code graphql_max_response_bytes}.
     *
     * @param last how many per asset, 1 to the configured maximum page size; null as for {@link #snapshots}
     */
    java.util.Map<UUID, List<coop.cpc.lakehouse.catalog.segment.WebmSegment>> segments(List<UUID> ids, Integer last)
            throws InvalidInputException;

    /**
     * The page of one asset's snapshots before a cursor (older ones), oldest first.
     *
     * @param last how many, as for {@link #snapshots}
     */
    List<coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot> snapshotsBefore(
            coop.cpc.lakehouse.catalog.snapshot.SnapshotCursor before, Integer last) throws InvalidInputException;

    /**
     * The page of one asset's segments added before a cursor's segment, in the order they were added.
     *
     * @param last how many, as for {@link #snapshots}
     * @throws InvalidInputException also when the cursor's segment is no longer in the catalog (snapshot expiry
     *     removed it)
     */
    List<coop.cpc.lakehouse.catalog.segment.WebmSegment> segmentsBefore(
            coop.cpc.lakehouse.catalog.segment.SegmentCursor before, Integer last) throws InvalidInputException;

    /**
     * Deletes the asset and its catalog entries (snapshots, segments, incoming lineage).
     *
     * @throws InvalidInputException when a CDC stream writes into it (naming the stream: delete that first)
     */
    void delete(UUID id) throws UnknownAssetException, InvalidInputException;
}
