package coop.cpc.lakehouse.application.asset;

import coop.cpc.lakehouse.catalog.asset.DataAsset;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The assets a read-only request (a GraphQL document of queries only: it commits nothing) has read
 * already, so that a later read of the same request, an asset's {@code rows} after the asset itself,
 * does not ask the catalog again and reads the snapshot the asset showed. Nothing is kept unless the
 * inbound adapter marked the request read-only, so a call that commits and then reads (change data
 * capture, batch steps) always reads the catalog anew. It also tells whether any snapshot expiry or
 * asset deletion has begun since the request was marked read-only ({@link SnapshotRemovals}).
 */
@RequestScoped
public class RequestAssets {
    /** Assets one request keeps at most (a query names few; aliases could name more). */
    static final int MAX_ASSETS = 64;

    @Inject
    SnapshotRemovals removals;

    private boolean readOnly;
    private long removalsAtStart;
    private final Map<UUID, DataAsset> read = new HashMap<>();

    /** For CDI. */
    public RequestAssets() {}

    /** Outside a container (tests, tools): with the removals it watches. */
    public RequestAssets(SnapshotRemovals removals) {
        this.removals = removals;
    }

    /** Called by the inbound adapter before any service runs, for a request that only reads. */
    public void markReadOnly() {
        readOnly = true;
        removalsAtStart = removals == null ? -1 : removals.settled();
    }

    /** Whether no snapshot expiry or asset deletion was under way or began since the request was marked read-only. */
    boolean nothingRemovedSinceStart() {
        return readOnly && removals != null && removalsAtStart >= 0 && removals.begun() == removalsAtStart;
    }

    void remember(DataAsset asset) {
        if (readOnly && (read.size() < MAX_ASSETS || read.containsKey(asset.getId()))) {
            read.put(asset.getId(), asset);
        }
    }

    Optional<DataAsset> recall(UUID assetId) {
        return readOnly ? Optional.ofNullable(read.get(assetId)) : Optional.empty();
    }

    /** Remembers {@code asset} for the current request, if there is one and it only reads. */
    public static void remember(Instance<RequestAssets> request, DataAsset asset) {
        if (request == null) {
            return; // Outside a container (tools, tests): no requests.
        }
        try {
            request.get().remember(asset);
        } catch (ContextNotActiveException outsideARequest) {
            // Nothing to remember it for.
        }
    }

    /** The asset as this read-only request read it before, if it did. */
    public static Optional<DataAsset> recall(Instance<RequestAssets> request, UUID assetId) {
        if (request == null) {
            return Optional.empty(); // Outside a container (tools, tests): no requests.
        }
        try {
            return request.get().recall(assetId);
        } catch (ContextNotActiveException outsideARequest) {
            return Optional.empty();
        }
    }

    /**
     * Whether this read-only request began after every snapshot expiry and asset deletion begun so far:
     * then no snapshot it read can have been expired or deleted since. False when unknown.
     */
    public static boolean nothingRemovedSinceStart(Instance<RequestAssets> request) {
        if (request == null) {
            return false;
        }
        try {
            return request.get().nothingRemovedSinceStart();
        } catch (ContextNotActiveException outsideARequest) {
            return false;
        }
    }
}
