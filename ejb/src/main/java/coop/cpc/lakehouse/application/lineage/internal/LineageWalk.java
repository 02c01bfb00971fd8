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
import java.util.function.Function;

/**
 * Breadth-first walk of the lineage edges around one asset, level by level, with one look-up per
 * level for the whole frontier. Each asset is expanded at most once, so cycles end. Pure: the
 * edges come from the two look-up functions.
 *
 * <p>UPSTREAM follows edges into the frontier back to their source assets; DOWNSTREAM follows
 * edges out of the frontier on to their targets; BOTH is the union of the two walks (not a walk
 * that changes direction, which would also reach the siblings of the asset).
 */
final class LineageWalk {
    private final Function<Collection<UUID>, List<LineageEdge>> edgesInto;
    private final Function<Collection<UUID>, List<LineageEdge>> edgesOutOf;

    /**
     * @param edgesInto  the edges whose target is any of the given assets
     * @param edgesOutOf the edges whose source asset is any of the given assets
     */
    LineageWalk(
            Function<Collection<UUID>, List<LineageEdge>> edgesInto,
            Function<Collection<UUID>, List<LineageEdge>> edgesOutOf) {
        this.edgesInto = Objects.requireNonNull(edgesInto, "edgesInto");
        this.edgesOutOf = Objects.requireNonNull(edgesOutOf, "edgesOutOf");
    }

    /**
     * The edges at most {@code depth} steps from the asset, each once, in the order found: nearer
     * levels first, within a level in the order of the look-up.
     */
    List<LineageEdge> walk(UUID assetId, LineageDirection direction, int depth) {
        Map<UUID, LineageEdge> found = new LinkedHashMap<>();
        if (direction != LineageDirection.DOWNSTREAM) {
            walk(assetId, depth, edgesInto, LineageEdge::getSourceAssetId, found);
        }
        if (direction != LineageDirection.UPSTREAM) {
            walk(assetId, depth, edgesOutOf, LineageEdge::getTargetAssetId, found);
        }
        return List.copyOf(found.values());
    }

    private static void walk(
            UUID start,
            int depth,
            Function<Collection<UUID>, List<LineageEdge>> step,
            Function<LineageEdge, UUID> farEnd,
            Map<UUID, LineageEdge> found) {
        Set<UUID> expanded = new LinkedHashSet<>(List.of(start));
        Set<UUID> frontier = Set.of(start);
        for (int level = 1; level <= depth && !frontier.isEmpty(); level++) {
            Set<UUID> next = new LinkedHashSet<>();
            for (LineageEdge edge : step.apply(frontier)) {
                found.putIfAbsent(edge.getId(), edge);
                UUID asset = farEnd.apply(edge);
                // An external source has no asset id: the walk ends there.
                if (asset != null && expanded.add(asset)) {
                    next.add(asset);
                }
            }
            frontier = next;
        }
    }
}
