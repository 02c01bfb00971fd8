package coop.cpc.lakehouse.catalog.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.JpaCatalogFixture;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
import coop.cpc.lakehouse.catalog.lineage.Transformation;
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
        LineageEdge three = derivedEdge(source, second, Transformation.COMPACT);
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

    @Test
    void aDeletedSourceAssetLeavesItsDerivedAssetsWithTheirEdgeNamingIt() {
        DataAsset source = asset("source");
        DataAsset derived = asset("derived");
        LineageEdge edge = derivedEdge(source, derived, Transformation.JOURNEY_ANALYTICS);
        store(edge);
        String uri = LineageEdge.deletedAssetUri("health", "source", source.getId());

        jpa.run(em -> {
            new JpaLineageRepository(em).keepEdgesOfDeletedSource(source.getId(), uri);
            new JpaAssetRepository(em).remove(source);
        });

        assertThat(jpa.list(em -> new JpaLineageRepository(em).findUpstream(List.of(derived.getId()), 10)))
                .singleElement()
                .satisfies(kept -> {
                    assertThat(kept.getId()).isEqualTo(edge.getId());
                    assertThat(kept.getSourceAssetId()).isNull();
                    assertThat(kept.getSourceUri()).isEqualTo(uri);
                    assertThat(LineageEdge.deletedAssetName(kept.getSourceUri()))
                            .isEqualTo("health.source");
                });
    }

    @Test
    void aRunRepeatingAJobsDerivationCountsOnTheStoredEdge() {
        DataAsset target = asset("target");
        UUID job = job();
        LineageEdge first = jobEdge(job, "file:/drop/*.csv", target, 11L, "{\"jobInstanceId\":1}");
        LineageEdge second = jobEdge(job, "file:/drop/*.csv", target, 12L, "{\"jobInstanceId\":2}");
        LineageEdge otherSource = jobEdge(job, "file:/other/*.csv", target, 13L, "{}");
        store(first, second, otherSource);

        List<LineageEdge> edges =
                jpa.list(em -> new JpaLineageRepository(em).findUpstream(List.of(target.getId()), 10));

        assertThat(edges).extracting(LineageEdge::getId).containsExactly(first.getId(), otherSource.getId());
        LineageEdge counted = edges.get(0);
        assertThat(counted.getRunCount()).isEqualTo(2);
        assertThat(counted.getExecutionId()).isEqualTo(11L);
        assertThat(counted.getLastExecutionId()).isEqualTo(12L);
        assertThat(counted.getParameters()).contains("\"jobInstanceId\": 2");
        assertThat(counted.getCreatedAt()).isEqualTo(first.getCreatedAt());
        assertThat(counted.getLastRecordedAt()).isEqualTo(second.getCreatedAt());
        assertThat(edges.get(1).getRunCount()).isEqualTo(1);
    }

    @Test
    void aRepeatedDerivationWithoutAJobCountsOnlyForTheSameSourceTargetAndTransformation() {
        DataAsset raw = asset("raw");
        DataAsset journeys = asset("journeys");
        store(
                derivedEdge(raw, journeys, Transformation.JOURNEY_ANALYTICS),
                derivedEdge(raw, journeys, Transformation.JOURNEY_ANALYTICS),
                derivedEdge(raw, journeys, Transformation.JOURNEY_ANALYTICS),
                derivedEdge(raw, journeys, Transformation.COHORT_ANALYSIS));

        assertThat(jpa.list(em -> new JpaLineageRepository(em).findDownstream(List.of(raw.getId()), 10)))
                .extracting(LineageEdge::getTransformation, LineageEdge::getRunCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Transformation.JOURNEY_ANALYTICS, 3L),
                        org.assertj.core.groups.Tuple.tuple(Transformation.COHORT_ANALYSIS, 1L));
    }

    private static LineageEdge derivedEdge(DataAsset source, DataAsset target, Transformation transformation) {
        return new LineageEdge(source.getId(), null, target.getId(), transformation, "{}", "[]", null, null, "op");
    }

    private static LineageEdge jobEdge(UUID job, String uri, DataAsset target, long execution, String parameters) {
        return new LineageEdge(
                null, uri, target.getId(), Transformation.INGEST, parameters, "[]", job, execution, "op");
    }

    /** A stored ingestion job's id (the edges' foreign key needs one). */
    private static UUID job() {
        UUID id = UUID.randomUUID();
        jpa.run(em -> em.createNativeQuery("INSERT INTO lakehouse.ingestion_jobs (id, name, source_type, created_by)"
                        + " VALUES (:id, :name, 'FILE_DROP', 'test')")
                .setParameter("id", id)
                .setParameter("name", "job_" + id.toString().substring(0, 8))
                .executeUpdate());
        return id;
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
