package coop.cpc.lakehouse.catalog.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.JpaCatalogFixture;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batched lineage look-ups: one step upstream or downstream of a set of assets. */
class JpaLineageRepositoryTest extends JpaCatalogFixture {

    private static final Comparator<LineageEdge> OLDEST_FIRST =
            Comparator.comparing(LineageEdge::getCreatedAt).thenComparing(LineageEdge::getId);

    @BeforeEach
    void emptyCatalog() {
        jpa.truncateAll();
    }

    @Test
    void findsTheEdgesIntoAndOutOfAnyOfTheAssetsOldestFirst() {
        DataAsset a = asset("a");
        DataAsset b = asset("b");
        DataAsset c = asset("c");
        DataAsset d = asset("d");
        LineageEdge external = ingestEdge(null, "file:/drop/a.csv", a);
        LineageEdge ab = ingestEdge(a, null, b);
        LineageEdge bc = ingestEdge(b, null, c);
        LineageEdge cd = ingestEdge(c, null, d);
        store(external, ab, bc, cd);

        assertThat(jpa.list(em -> new JpaLineageRepository(em).findUpstream(List.of(b.getId(), c.getId()), 100)))
                .containsExactlyInAnyOrder(ab, bc)
                .isSortedAccordingTo(OLDEST_FIRST);
        assertThat(jpa.list(em -> new JpaLineageRepository(em).findUpstream(List.of(a.getId()), 100)))
                .containsExactly(external);
        assertThat(jpa.list(em -> new JpaLineageRepository(em).findDownstream(List.of(a.getId(), c.getId()), 100)))
                .containsExactlyInAnyOrder(ab, cd)
                .isSortedAccordingTo(OLDEST_FIRST);
    }

    @Test
    void findsNothingForNoAssetsOrAssetsWithoutLineage() {
        DataAsset a = asset("a");
        DataAsset b = asset("b");
        store(ingestEdge(a, null, b));

        assertThat(jpa.list(em -> new JpaLineageRepository(em).findUpstream(List.of(), 100)))
                .isEmpty();
        assertThat(jpa.list(em -> new JpaLineageRepository(em).findDownstream(List.of(), 100)))
                .isEmpty();
        assertThat(jpa.list(
                        em -> new JpaLineageRepository(em).findDownstream(List.of(b.getId(), UUID.randomUUID()), 100)))
                .isEmpty();
    }

    @Test
    void queriesMoreIdsThanOneBatchAndReturnsEachEdgeOnce() {
        DataAsset source = asset("source");
        DataAsset target = asset("target");
        LineageEdge edge = ingestEdge(source, null, target);
        store(edge);
        List<UUID> ids = new ArrayList<>(Stream.generate(UUID::randomUUID)
                .limit(2L * JpaLineageRepository.BATCH)
                .toList());
        ids.add(JpaLineageRepository.BATCH + 7, target.getId());
        ids.add(target.getId());

        assertThat(jpa.list(em -> new JpaLineageRepository(em).findUpstream(ids, 100)))
                .containsExactly(edge);
    }

    @Test
    void returnsTheOldestEdgesUpToTheLimitAcrossBatches() {
        DataAsset source = asset("source");
        DataAsset first = asset("first");
        DataAsset second = asset("second");
        LineageEdge one = ingestEdge(source, null, second);
        LineageEdge two = ingestEdge(source, null, first);
        LineageEdge three = ingestEdge(source, null, second);
        store(one, two, three);
        List<UUID> ids = new ArrayList<>(Stream.generate(UUID::randomUUID)
                .limit(JpaLineageRepository.BATCH + 3L)
                .toList());
        ids.add(0, second.getId());
        ids.add(first.getId());

        List<LineageEdge> oldestTwo = jpa.list(em -> new JpaLineageRepository(em).findUpstream(ids, 2));

        assertThat(oldestTwo).hasSize(2).isSortedAccordingTo(OLDEST_FIRST);
        assertThat(jpa.list(em -> new JpaLineageRepository(em).findUpstream(ids, 3)))
                .startsWith(oldestTwo.toArray(LineageEdge[]::new))
                .containsExactlyInAnyOrder(one, two, three);
        assertThat(jpa.list(em -> new JpaLineageRepository(em).findDownstream(List.of(source.getId()), 0)))
                .isEmpty();
    }

    private static void store(LineageEdge... edges) {
        jpa.run(em -> {
            JpaLineageRepository lineage = new JpaLineageRepository(em);
            for (LineageEdge edge : edges) {
                lineage.add(edge);
            }
        });
    }
}
