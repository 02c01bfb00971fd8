package coop.cpc.lakehouse.application.lineage.internal;

import coop.cpc.lakehouse.application.lineage.LineageDirection;
import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Breadth-first walk of the lineage edges around one asset, level by level, with one look-up per
 * level for the whole frontier. Each asset is expanded at most once, so cycles end. Pure: the
 * edges come from the two look-up functions. A walk keeps at most a given number of edges (nearer
 * levels first) and asks each look-up for no more than it can still keep, plus one to know whether
 * more exist.
 *
 * <p>UPSTREAM follows edges into the frontier back to their source assets; DOWNSTREAM follows
 * edges out of the frontier on to their targets; BOTH is the union of the two walks, taken in step
 * one level of each in turn (not a walk that changes direction, which would also reach the
 * siblings of the asset).
 */
final class LineageWalk {
    private final BiFunction<Collection<UUID>, Integer, List<LineageEdge>> edgesInto;
    private final BiFunction<Collection<UUID>, Integer, List<LineageEdge>> edgesOutOf;

    /** The edges found, and whether the walk stopped at its bound with more edges left. */
    record Found(List<LineageEdge> edges, boolean truncated) {}

    /**
     * @param edgesInto  the oldest (second argument) edges whose target is any of the given assets
     * @param edgesOutOf the oldest (second argument) edges whose source asset is any of the given assets
     */
    LineageWalk(
            BiFunction<Collection<UUID>, Integer, List<LineageEdge>> edgesInto,
            BiFunction<Collection<UUID>, Integer, List<LineageEdge>> edgesOutOf) {
        this.edgesInto = Objects.requireNonNull(edgesInto, "edgesInto");
        this.edgesOutOf = Objects.requireNonNull(edgesOutOf, "edgesOutOf");
    }

    /**
     * The edges at most {@code depth} steps from the asset, each once, in the order found: nearer
     * levels first, within a level in the order of the look-up; at most {@code maxEdges} of them.
     * BOTH walks the two directions in step under the one bound: level 1 upstream, level 1
     * downstream, level 2 upstream, and so on, so a large upstream cannot crowd out the nearest
     * downstream edges (only within the level where the bound is reached do upstream edges come
     * first).
     */
    Found walk(UUID assetId, LineageDirection direction, int depth, int maxEdges) {
        Map<UUID, LineageEdge> found = new LinkedHashMap<>();
        List<Frontier> frontiers = new ArrayList<>();
        if (direction != LineageDirection.DOWNSTREAM) {
            frontiers.add(new Frontier(assetId, edgesInto, LineageEdge::getSourceAssetId));
        }
        if (direction != LineageDirection.UPSTREAM) {
            frontiers.add(new Frontier(assetId, edgesOutOf, LineageEdge::getTargetAssetId));
        }
        for (int level = 1; level <= depth; level++) {
            for (Frontier frontier : frontiers) {
                if (frontier.step(maxEdges, found)) {
                    return new Found(List.copyOf(found.values()), true);
                }
            }
        }
        return new Found(List.copyOf(found.values()), false);
    }

    /** One direction of a walk: the assets it expanded and the ones its next level starts from. */
    private static final class Frontier {
        private final BiFunction<Collection<UUID>, Integer, List<LineageEdge>> lookUp;
        private final Function<LineageEdge, UUID> farEnd;
        private final Set<UUID> expanded = new LinkedHashSet<>();
        private Set<UUID> assets;

        Frontier(
                UUID start,
                BiFunction<Collection<UUID>, Integer, List<LineageEdge>> lookUp,
                Function<LineageEdge, UUID> farEnd) {
            this.lookUp = lookUp;
            this.farEnd = farEnd;
            this.expanded.add(start);
            this.assets = Set.of(start);
        }

        /**
         * Adds the next level's edges to {@code found}.
         *
         * @return whether an edge was left out for the bound
         */
        boolean step(int maxEdges, Map<UUID, LineageEdge> found) {
            if (assets.isEmpty()) {
                return false;
            }
            Set<UUID> next = new LinkedHashSet<>();
            // Edges already found (BOTH over a cycle) may come back: ask for enough to see every new one.
            for (LineageEdge edge : lookUp.apply(assets, maxEdges + 1)) {
                if (!found.containsKey(edge.getId())) {
                    if (found.size() == maxEdges) {
                        return true;
                    }
                    found.put(edge.getId(), edge);
                }
                UUID asset = farEnd.apply(edge);
                // An external source has no asset id: the walk ends there.
                if (asset != null && expanded.add(asset)) {
                    next.add(asset);
                }
            }
            assets = next;
            return false;
        }
    }
}
