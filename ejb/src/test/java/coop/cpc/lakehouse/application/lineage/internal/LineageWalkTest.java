package coop.cpc.lakehouse.application.lineage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.lineage.LineageDirection;
import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
import coop.cpc.lakehouse.catalog.lineage.Transformation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LineageWalkTest {
    private static final String CSV = "file:/drop/visits.csv";

    private final UUID raw = UUID.randomUUID();
    private final UUID clean = UUID.randomUUID();
    private final UUID research = UUID.randomUUID();
    private final UUID cohort = UUID.randomUUID();
    private final UUID sibling = UUID.randomUUID();

    private final List<LineageEdge> table = new ArrayList<>();
    private final List<Collection<UUID>> lookups = new ArrayList<>();
    private final LineageWalk walk = new LineageWalk(this::into, this::outOf);

    @Test
    void upstreamFollowsSourcesBackToTheExternalSource() {
        Pipeline p = pipeline();

        assertThat(walk.walk(research, LineageDirection.UPSTREAM, 10, 100).edges())
                .containsExactly(p.anonymize(), p.cleanse(), p.ingest());
    }

    @Test
    void downstreamFollowsTargetsOnward() {
        Pipeline p = pipeline();

        assertThat(walk.walk(raw, LineageDirection.DOWNSTREAM, 10, 100).edges())
                .containsExactly(p.cleanse(), p.anonymize(), p.analyse());
    }

    @Test
    void stopsAtTheDepth() {
        Pipeline p = pipeline();

        assertThat(walk.walk(research, LineageDirection.UPSTREAM, 1, 100).edges())
                .containsExactly(p.anonymize());
        assertThat(walk.walk(research, LineageDirection.UPSTREAM, 2, 100).edges())
                .containsExactly(p.anonymize(), p.cleanse());
    }

    @Test
    void bothIsTheUnionOfUpstreamAndDownstreamWithoutSiblings() {
        LineageEdge ingest = edge(null, CSV, raw);
        LineageEdge cleanse = edge(raw, null, clean);
        edge(raw, null, sibling);
        LineageEdge anonymize = edge(clean, null, research);

        assertThat(walk.walk(clean, LineageDirection.BOTH, 10, 100).edges())
                .containsExactly(cleanse, anonymize, ingest);
    }

    @Test
    void aCycleEndsAndEachEdgeAppearsOnce() {
        LineageEdge forward = edge(raw, null, clean);
        LineageEdge back = edge(clean, null, raw);
        LineageEdge self = edge(research, null, research);

        assertThat(walk.walk(raw, LineageDirection.BOTH, 10, 100).edges()).containsExactlyInAnyOrder(forward, back);
        assertThat(walk.walk(research, LineageDirection.UPSTREAM, 10, 100).edges())
                .containsExactly(self);
        assertThat(lookups).hasSizeLessThanOrEqualTo(2 + 2 + 1 + 1);
    }

    @Test
    void looksUpEachLevelOnceForTheWholeFrontier() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        edge(a, null, raw);
        edge(b, null, raw);
        edge(null, CSV, a);
        edge(null, CSV, b);

        assertThat(walk.walk(raw, LineageDirection.UPSTREAM, 10, 100).edges()).hasSize(4);
        assertThat(lookups).containsExactly(List.of(raw), List.of(a, b));
    }

    /** One edge per committed ingestion run: a job that runs every minute would give an unbounded answer. */
    @Test
    void keepsAtMostTheBoundAndSaysMoreWereLeftOut() {
        for (int run = 0; run < 100_000; run++) {
            edge(null, CSV, raw);
        }
        LineageEdge cleanse = edge(raw, null, clean);

        LineageWalk.Found found = walk.walk(clean, LineageDirection.UPSTREAM, 2, 500);

        assertThat(found.truncated()).isTrue();
        assertThat(found.edges()).hasSize(500).startsWith(cleanse);
        assertThat(found.edges().subList(1, 500)).containsExactlyElementsOf(table.subList(0, 499));
    }

    @Test
    void exactlyTheBoundIsNotTruncatedAndBothDirectionsShareIt() {
        LineageEdge ingest = edge(null, CSV, raw);
        LineageEdge cleanse = edge(raw, null, clean);
        LineageEdge anonymize = edge(clean, null, research);

        assertThat(walk.walk(clean, LineageDirection.BOTH, 10, 3))
                .isEqualTo(new LineageWalk.Found(List.of(cleanse, anonymize, ingest), false));
        // The nearest level of both directions before the second level upstream.
        assertThat(walk.walk(clean, LineageDirection.BOTH, 10, 2))
                .isEqualTo(new LineageWalk.Found(List.of(cleanse, anonymize), true));
    }

    @Test
    void bothKeepsTheFirstDownstreamLevelWhenTheUpstreamAloneFillsTheBound() {
        LineageEdge cleanse = edge(raw, null, clean);
        List<LineageEdge> ingests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ingests.add(edge(null, CSV + "?part=" + i, raw));
        }
        LineageEdge anonymize = edge(clean, null, research);
        LineageEdge analyse = edge(research, null, cohort);

        LineageWalk.Found found = walk.walk(clean, LineageDirection.BOTH, 10, 5);

        // Before, the second upstream level filled the bound and no downstream edge was kept.
        assertThat(found)
                .isEqualTo(new LineageWalk.Found(
                        List.of(cleanse, anonymize, ingests.get(0), ingests.get(1), ingests.get(2)), true));
        assertThat(found.edges()).doesNotContain(analyse);
    }

    @Test
    void anAssetWithoutLineageHasNoEdges() {
        edge(raw, null, clean);

        assertThat(walk.walk(cohort, LineageDirection.BOTH, 10, 100).edges()).isEmpty();
    }

    /** The edges of the chain CSV → raw → clean → research → cohort. */
    private record Pipeline(LineageEdge ingest, LineageEdge cleanse, LineageEdge anonymize, LineageEdge analyse) {}

    private Pipeline pipeline() {
        LineageEdge ingest = edge(null, CSV, raw);
        LineageEdge cleanse = edge(raw, null, clean);
        LineageEdge anonymize = edge(clean, null, research);
        return new Pipeline(ingest, cleanse, anonymize, edge(research, null, cohort));
    }

    private LineageEdge edge(UUID source, String uri, UUID target) {
        LineageEdge edge = new LineageEdge(source, uri, target, Transformation.INGEST, "{}", "[]", null, null, "op");
        table.add(edge);
        return edge;
    }

    private List<LineageEdge> into(Collection<UUID> targets, int limit) {
        lookups.add(List.copyOf(targets));
        return table.stream()
                .filter(e -> targets.contains(e.getTargetAssetId()))
                .limit(limit)
                .toList();
    }

    private List<LineageEdge> outOf(Collection<UUID> sources, int limit) {
        lookups.add(List.copyOf(sources));
        return table.stream()
                .filter(e -> e.getSourceAssetId() != null && sources.contains(e.getSourceAssetId()))
                .limit(limit)
                .toList();
    }
}
