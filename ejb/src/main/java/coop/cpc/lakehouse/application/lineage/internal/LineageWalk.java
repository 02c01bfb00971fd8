package coop.cpc.lakehouse.application.lineage.internal;

import coop.cpc.lakehouse.application.lineage.LineageDirection;
import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
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
 * edges out of the frontier on to their targets; BOTH is the union of the two walks (not a walk
 * that changes direction, which would also reach the siblings of the asset).
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
     */
    Found walk(UUID assetId, LineageDirection direction, int depth, int maxEdges) {
        Map<UUID, LineageEdge> found = new LinkedHashMap<>();
        boolean truncated = false;
        if (direction != LineageDirection.DOWNSTREAM) {
            truncated = walk(assetId, depth, maxEdges, edgesInto, LineageEdge::getSourceAssetId, found);
        }
        if (direction != LineageDirection.UPSTREAM && !truncated) {
            truncated = walk(assetId, depth, maxEdges, edgesOutOf, LineageEdge::getTargetAssetId, found);
        }
        return new Found(List.copyOf(found.values()), truncated);
    }

    /** @return whether an edge was left out for the bound */
    private static boolean walk(
            UUID start,
            int depth,
            int maxEdges,
            BiFunction<Collection<UUID>, Integer, List<LineageEdge>> step,
            Function<LineageEdge, UUID> farEnd,
            Map<UUID, LineageEdge> found) {
        Set<UUID> expanded = new LinkedHashSet<>(List.of(start));
        Set<UUID> frontier = Set.of(start);
        for (int level = 1; level <= depth && !frontier.isEmpty(); level++) {
            Set<UUID> next = new LinkedHashSet<>();
            // Edges already found (BOTH over a cycle) may come back: ask for enough to see every new one.
            for (LineageEdge edge : step.apply(frontier, maxEdges + 1)) {
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
            frontier = next;
        }
        return false;
    }
}
