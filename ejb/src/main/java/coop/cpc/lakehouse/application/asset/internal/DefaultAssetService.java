package coop.cpc.lakehouse.application.asset.internal;

import coop.cpc.lakehouse.application.FreeText;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.asset.AssetChanges;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.AssetService;
import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.application.asset.RequestAssets;
import coop.cpc.lakehouse.application.asset.SnapshotRemovals;
import coop.cpc.lakehouse.application.asset.StaleVersionException;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.application.table.FilesAfterTransaction;
import coop.cpc.lakehouse.application.table.SortOrder;
import coop.cpc.lakehouse.catalog.HistorySize;
import coop.cpc.lakehouse.catalog.asset.AssetCursor;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.cdc.CdcStreamRepository;
import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
import coop.cpc.lakehouse.catalog.lineage.LineageRepository;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.segment.SegmentCursor;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotCursor;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotRepository;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

@Stateless
public class DefaultAssetService implements AssetService {
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_TAGS = 32;

    @Inject
    AssetRepository assets;

    @Inject
    Instance<RequestAssets> requestAssets;

    @Inject
    SnapshotRemovals removals;

    @Inject
    LakehouseSettings settings;

    @Inject
    SnapshotRepository snapshots;

    @Inject
    SegmentRepository segments;

    @Inject
    IngestionRunRepository runs;

    @Inject
    FilesAfterTransaction filesAfterTransaction;

    @Inject
    LineageRepository lineage;

    /** A stream's table row names the asset it writes into: such an asset cannot be deleted. */
    @Inject
    CdcStreamRepository cdcStreams;

    @Override
    @Audited(action = AuditAction.READ, resource = "asset")
    public DataAsset get(UUID id) throws UnknownAssetException {
        DataAsset asset = assets.find(id).orElseThrow(() -> new UnknownAssetException("with id " + id));
        RequestAssets.remember(requestAssets, asset);
        return asset;
    }

    @Override
    @Audited(action = AuditAction.READ, resource = "asset")
    public DataAsset get(String namespace, String name) throws UnknownAssetException, InvalidInputException {
        Names.require("namespace", namespace);
        Names.require("name", name);
        DataAsset asset =
                assets.findByName(namespace, name).orElseThrow(() -> new UnknownAssetException(namespace + "." + name));
        RequestAssets.remember(requestAssets, asset);
        return asset;
    }

    @Override
    @Audited(action = AuditAction.READ, resource = "asset")
    public Page<DataAsset> list(String namespace, List<String> tags, AssetCursor after, int first)
            throws InvalidInputException {
        if (namespace != null) {
            Names.require("namespace", namespace);
        }
        List<String> tagFilter = validTags(tags);
        return Page.of(assets.page(namespace, tagFilter, after, Page.fetchSize(first, settings)), first);
    }

    @Override
    @Audited(action = AuditAction.WRITE, resource = "asset")
    public DataAsset create(NewAsset input) throws InvalidInputException, AssetAlreadyExistsException {
        String namespace = Names.require("namespace", input.namespace());
        String name = Names.require("name", input.name());
        AssetSchema schema = AssetSchema.of(input.columns());
        if (assets.findByName(namespace, name).isPresent()) {
            throw new AssetAlreadyExistsException(namespace, name);
        }
        DataAsset asset = new DataAsset(
                namespace,
                name,
                input.assetType() == null ? AssetType.STRUCTURED : input.assetType(),
                input.classification() == null ? Classification.INTERNAL : input.classification(),
                schema.toJson());
        asset.setDescription(validDescription(input.description()));
        asset.setPrimaryKey(schema.primaryKey());
        asset.setSortOrder(validSortOrder(input.sortOrder(), schema));
        asset.setTags(validTags(input.tags()));
        assets.add(asset);
        return asset;
    }

    @Override
    @Audited(action = AuditAction.SCHEMA_CHANGE, resource = "asset")
    public DataAsset update(UUID id, AssetChanges changes)
            throws UnknownAssetException, InvalidInputException, StaleVersionException {
        // Locked as a commit locks it: a schema change and a commit take turns, and the commit re-checks what it
        // staged against the schema it finds (TableCommits).
        DataAsset asset = assets.findForUpdate(id).orElseThrow(() -> new UnknownAssetException("with id " + id));
        RequestAssets.remember(requestAssets, asset);
        if (changes.expectedVersion() != null && changes.expectedVersion() != asset.getVersion()) {
            throw new StaleVersionException(changes.expectedVersion(), asset.getVersion());
        }
        if (changes.description() != null) {
            asset.setDescription(validDescription(changes.description()));
        }
        if (changes.assetType() != null) {
            asset.setAssetType(changes.assetType());
        }
        if (changes.classification() != null) {
            asset.setClassification(changes.classification());
        }
        if (changes.tags() != null) {
            asset.setTags(validTags(changes.tags()));
        }
        if (changes.columns() != null) {
            AssetSchema next = AssetSchema.of(changes.columns());
            AssetSchema current = AssetSchema.fromJson(asset.getSchema());
            if (asset.getCurrentSnapshotId() != null) {
                current.requireCompatibleEvolution(next);
            } else if (!next.primaryKey().equals(current.primaryKey())) {
                requireNothingStaged(asset, current, next);
            }
            asset.setSchema(next.toJson());
            asset.setPrimaryKey(next.primaryKey());
        }
        if (changes.sortOrder() != null || changes.columns() != null) {
            asset.setSortOrder(validSortOrder(
                    changes.sortOrder() != null ? changes.sortOrder() : asset.getSortOrder(),
                    AssetSchema.fromJson(asset.getSchema())));
        }
        return asset;
    }

    /**
     * Rows an ingestion run staged were deduplicated by the key of that moment (or by none): under another key they
     * could hold one key twice, and both rows would be current.
     */
    private void requireNothingStaged(DataAsset asset, AssetSchema current, AssetSchema next)
            throws InvalidInputException {
        int staged = runs.stagedForAsset(asset.getId()).size();
        if (staged > 0) {
            throw new InvalidInputException("the primary key of asset " + asset.getNamespace() + "." + asset.getName()
                    + " cannot change from (" + String.join(", ", current.primaryKey()) + ") to ("
                    + String.join(", ", next.primaryKey()) + ") while ingestion runs have " + staged
                    + " staged segment file(s) for it (staged under the former key): let those runs commit, or"
                    + " start their jobs anew (which discards them), then change the key; or create a new asset");
        }
    }

    @Override
    @Audited(action = AuditAction.READ, resource = "asset_snapshot")
    public Map<UUID, List<AssetSnapshot>> snapshots(List<UUID> ids, Integer last) throws InvalidInputException {
        return newestThatFit(
                        "snapshots",
                        last,
                        (newest, limit) -> snapshots.findByAssets(ids, newest, HISTORY_ITEM_BYTES, limit),
                        newest -> snapshots.sizeOfNewest(ids, newest))
                .stream()
                .collect(Collectors.groupingBy(AssetSnapshot::getAssetId));
    }

    @Override
    @Audited(action = AuditAction.READ, resource = "segment")
    public Map<UUID, List<WebmSegment>> segments(List<UUID> ids, Integer last) throws InvalidInputException {
        return newestThatFit(
                        "segments",
                        last,
                        (newest, limit) -> segments.findByAssets(ids, newest, HISTORY_ITEM_BYTES, limit),
                        newest -> segments.sizeOfNewest(ids, newest))
                .stream()
                .collect(Collectors.groupingBy(WebmSegment::getAssetId));
    }

    /**
     * The newest {@code last} snapshots or segments of each asset, loaded by one query that returns none when they
     * would not fit {@code graphql_max_response_bytes}; only then are they measured again, for the refusal.
     */
    private <T> List<T> newestThatFit(
            String field, Integer last, BiFunction<Integer, Long, List<T>> load, IntFunction<HistorySize> measure)
            throws InvalidInputException {
        int newest = validLast(last);
        long limit = settings.graphqlMaxResponseBytes();
        List<T> found = load.apply(newest, limit);
        if (found.isEmpty()) {
            HistorySize size = measure.apply(newest);
            requireWithinTheResponseLimit(field, size);
            if (size.items() > 0) {
                // A snapshot expiry between the two queries made them fit.
                found = load.apply(newest, limit);
            }
        }
        return found;
    }

    @Override
    @Audited(action = AuditAction.READ, resource = "asset_snapshot")
    public List<AssetSnapshot> snapshotsBefore(SnapshotCursor before, Integer last) throws InvalidInputException {
        return snapshots.findBefore(before, validLast(last));
    }

    @Override
    @Audited(action = AuditAction.READ, resource = "segment")
    public List<WebmSegment> segmentsBefore(SegmentCursor before, Integer last) throws InvalidInputException {
        int newest = validLast(last);
        if (segments.find(before.segmentId())
                .filter(g -> g.getAssetId().equals(before.assetId()))
                .isEmpty()) {
            throw new InvalidInputException("before: segment " + before.segmentId()
                    + " is no longer in the catalog (snapshot expiry removed it); list the newest segments again");
        }
        return segments.findAddedBefore(before, newest);
    }

    /**
     * Refuses the snapshots or segments of a batch of assets (up to graphql_max_page_size of each, for up to
     * graphql_max_page_size assets) that no answer could hold, which the repository measured and did not load: the
     * API counts them against the request's response budget only once they are loaded.
     */
    private void requireWithinTheResponseLimit(String field, HistorySize size) throws InvalidInputException {
        long bytes = size.items() * HISTORY_ITEM_BYTES + size.textChars();
        long limit = settings.graphqlMaxResponseBytes();
        if (bytes > limit) {
            throw new InvalidInputException(field + " would return about " + bytes + " bytes, more than the " + limit
                    + " of graphql_max_response_bytes: ask for fewer (last) or fewer assets");
        }
    }

    /**
     * A bound of a per-asset history page: an asset fed by CDC gains a snapshot per batch, and keeps the rows of
     * expired ones for expired_snapshot_record_days.
     */
    private int validLast(Integer last) throws InvalidInputException {
        int max = settings.graphqlMaxPageSize();
        if (last == null) {
            return Math.min(DEFAULT_HISTORY, max);
        }
        if (last < 1 || last > max) {
            throw new InvalidInputException("last must be from 1 to " + max + ", not " + last);
        }
        return last;
    }

    @Override
    @Audited(action = AuditAction.DELETE, resource = "asset")
    public void delete(UUID id) throws UnknownAssetException, InvalidInputException {
        // Locked first: a run staging a chunk for it finishes that chunk before the paths are listed, and later
        // chunks wait for this delete and then fail, so no staged file escapes the list.
        if (!assets.lockAgainstReferences(id)) {
            throw new UnknownAssetException("with id " + id);
        }
        requireNoStreamWriting(id);
        // Its snapshots go with it: read-only requests under way ask the catalog again (RequestAssets).
        removals.beginUntilTheTransactionEnds();
        DataAsset asset = get(id);
        List<String> paths = new ArrayList<>();
        segments.findByAsset(id).forEach(segment -> paths.add(segment.getPath()));
        runs.stagedForAsset(id).forEach(staged -> paths.add(staged.getPath()));
        // Assets derived from it keep their lineage, naming it as a deleted source.
        lineage.keepEdgesOfDeletedSource(id, LineageEdge.deletedAssetUri(asset.getNamespace(), asset.getName(), id));
        assets.remove(asset);
        // The catalog rows go with the asset (cascade); its files once that is committed, not an hour later.
        filesAfterTransaction.deleteAfterCommit(paths);
    }

    private void requireNoStreamWriting(UUID id) throws UnknownAssetException, InvalidInputException {
        List<String> streams = cdcStreams.namesWriting(id);
        if (!streams.isEmpty()) {
            DataAsset asset = assets.find(id).orElseThrow(() -> new UnknownAssetException("with id " + id));
            boolean one = streams.size() == 1;
            throw new InvalidInputException("asset " + asset.getNamespace() + "." + asset.getName() + " is written by"
                    + " CDC stream" + (one ? " " : "s ") + String.join(", ", streams) + "; delete the stream"
                    + (one ? "" : "s") + " first (deleteCdcStream), then the asset");
        }
    }

    static String validDescription(String description) throws InvalidInputException {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new InvalidInputException("description has " + description.length() + " characters; at most "
                    + MAX_DESCRIPTION + " are allowed");
        }
        return FreeText.require("description", description);
    }

    /** At most {@link SortOrder#MAX_COLUMNS} distinct columns of the schema. */
    private static List<String> validSortOrder(List<String> columns, AssetSchema schema) throws InvalidInputException {
        if (columns == null) {
            return List.of();
        }
        if (columns.size() > SortOrder.MAX_COLUMNS) {
            throw new InvalidInputException(
                    "sortOrder has " + columns.size() + " columns; at most " + SortOrder.MAX_COLUMNS + " are allowed");
        }
        List<String> valid = new ArrayList<>();
        for (String named : columns) {
            String column = Names.require("sortOrder column", named);
            if (schema.column(column).isEmpty()) {
                throw new InvalidInputException(
                        "sortOrder names column " + column + ", which is not a column of the asset");
            }
            if (valid.contains(column)) {
                throw new InvalidInputException("sortOrder names column " + column + " twice");
            }
            valid.add(column);
        }
        return valid;
    }

    private static List<String> validTags(List<String> tags) throws InvalidInputException {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > MAX_TAGS) {
            throw new InvalidInputException("at most " + MAX_TAGS + " tags are allowed, not " + tags.size());
        }
        List<String> valid = new ArrayList<>();
        for (String tag : tags) {
            String name = Names.require("tag", tag);
            if (!valid.contains(name)) {
                valid.add(name);
            }
        }
        return valid;
    }
}
