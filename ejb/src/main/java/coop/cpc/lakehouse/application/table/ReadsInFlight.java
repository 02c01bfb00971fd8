package coop.cpc.lakehouse.application.table;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The reads of this server that are scanning an asset's segment files now ({@code rows}, {@code changes}, a
 * compaction), so that a snapshot expiry committing meanwhile leaves the files they may still open in place: it
 * deletes only what no read begun before its commit can use, and the files it keeps are released when those reads
 * end ({@link OrphanSegmentCleanup} removes them then, as it asks {@link #keeps}). Holds only the reads in flight
 * (at most {@value #MAX_HOLDS}; beyond that a read is not held, and finds out as {@link Hold#expiryOverlapped} says)
 * and the files of expiries that overlapped them. In memory: after a restart no read is in flight.
 */
@ApplicationScoped
public class ReadsInFlight {
    /** The most reads held at once (far more than a server's request and batch threads). */
    public static final int MAX_HOLDS = 10_000;

    private final Map<UUID, AssetReads> byAsset = new HashMap<>();
    private final Set<String> kept = new HashSet<>();
    private long nextToken;
    private int holds;
    private int expiriesUnderWay;

    /** The reads of one asset in flight (by token, in the order they began), and the files kept for them. */
    private static final class AssetReads {
        final TreeMap<Long, Hold> inFlight = new TreeMap<>();
        final List<KeptFiles> kept = new ArrayList<>();
        int expiriesUnderWay;

        boolean unused() {
            return inFlight.isEmpty() && kept.isEmpty() && expiriesUnderWay == 0;
        }
    }

    /** Files an expiry left in place until the reads of its asset that began before {@code before} have ended. */
    private record KeptFiles(long before, List<String> paths) {}

    /**
     * Holds the asset's files for a read that is about to choose its snapshot: call before the asset and its
     * snapshot are loaded, and close (try-with-resources) once the read has opened its last file.
     */
    public synchronized Hold hold(UUID assetId) {
        if (holds >= MAX_HOLDS) {
            // Not held: the read must check its snapshot in the catalog after loading its segment list.
            return new Hold(this, assetId, -1, true);
        }
        AssetReads reads = byAsset.computeIfAbsent(assetId, id -> new AssetReads());
        Hold hold = new Hold(this, assetId, nextToken++, reads.expiriesUnderWay > 0);
        reads.inFlight.put(hold.token, hold);
        holds++;
        return hold;
    }

    private synchronized void release(Hold hold) {
        AssetReads reads = byAsset.get(hold.assetId);
        if (hold.token < 0 || reads == null || reads.inFlight.remove(hold.token) == null) {
            return;
        }
        holds--;
        long oldest = reads.inFlight.isEmpty() ? Long.MAX_VALUE : reads.inFlight.firstKey();
        reads.kept.removeIf(files -> {
            if (files.before() <= oldest) {
                kept.removeAll(files.paths());
                return true;
            }
            return false;
        });
        forgetIfUnused(hold.assetId, reads);
    }

    /**
     * Opened before an expiry of the asset changes the catalog, closed after {@link Expiring#unread} (a finally): the
     * reads in flight, and those that begin meanwhile, learn that their snapshot may expire under them.
     */
    public synchronized Expiring expiring(UUID assetId) {
        AssetReads reads = byAsset.computeIfAbsent(assetId, id -> new AssetReads());
        reads.expiriesUnderWay++;
        expiriesUnderWay++;
        reads.inFlight.values().forEach(hold -> hold.expiryOverlapped = true);
        return new Expiring(this, assetId);
    }

    private synchronized List<String> unread(UUID assetId, List<String> paths) {
        AssetReads reads = byAsset.get(assetId);
        if (reads == null || reads.inFlight.isEmpty() || paths.isEmpty()) {
            return paths;
        }
        reads.kept.add(new KeptFiles(nextToken, List.copyOf(paths)));
        kept.addAll(paths);
        return List.of();
    }

    private synchronized void expired(UUID assetId) {
        AssetReads reads = byAsset.get(assetId);
        reads.expiriesUnderWay--;
        expiriesUnderWay--;
        forgetIfUnused(assetId, reads);
    }

    private void forgetIfUnused(UUID assetId, AssetReads reads) {
        if (reads.unused()) {
            byAsset.remove(assetId);
        }
    }

    /**
     * Whether the orphan cleanup must leave a file the catalog no longer names: a read of this server may still open
     * it, or an expiry is under way (it may have just forgotten a file it is about to keep). Ask after the catalog.
     */
    public synchronized boolean keeps(String path) {
        return expiriesUnderWay > 0 || kept.contains(path);
    }

    /** How many reads are held now. */
    public synchronized int size() {
        return holds;
    }

    /** Files of expired snapshots kept for the reads in flight. */
    public synchronized int keptFiles() {
        return kept.size();
    }

    /** One read in flight: close it when the read has opened its last segment file. */
    public static final class Hold implements AutoCloseable {
        private final ReadsInFlight reads;
        private final UUID assetId;
        private final long token;
        private volatile boolean expiryOverlapped;

        private Hold(ReadsInFlight reads, UUID assetId, long token, boolean expiryOverlapped) {
            this.reads = reads;
            this.assetId = assetId;
            this.token = token;
            this.expiryOverlapped = expiryOverlapped;
        }

        /**
         * Whether an expiry of the asset was under way at some time during the read (or the read is not held): a
         * segment list loaded since may be partial, so the read asks the catalog whether its snapshot expired.
         */
        public boolean expiryOverlapped() {
            return expiryOverlapped;
        }

        @Override
        public void close() {
            reads.release(this);
        }
    }

    /** An expiry of one asset under way. */
    public static final class Expiring implements AutoCloseable {
        private final ReadsInFlight reads;
        private final UUID assetId;
        private boolean closed;

        private Expiring(ReadsInFlight reads, UUID assetId) {
            this.reads = reads;
            this.assetId = assetId;
        }

        /**
         * Called once the expiry has committed, with the files it forgot.
         *
         * @return the files to delete now: none when a read of the asset is in flight (they are kept until the reads
         *     begun so far have ended)
         */
        public List<String> unread(Collection<String> paths) {
            return reads.unread(assetId, List.copyOf(paths));
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                reads.expired(assetId);
            }
        }
    }
}
