package coop.cpc.lakehouse.catalog.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.catalog.JpaCatalogFixture;
import coop.cpc.lakehouse.catalog.asset.AssetCursor;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaAssetRepositoryTest extends JpaCatalogFixture {

    @BeforeEach
    void emptyCatalog() {
        jpa.truncateAll();
    }

    @Test
    void aReferenceLockWaitsForADeletionUnderWayAndThenFindsTheAssetGone() throws Exception {
        DataAsset asset = asset("deleted_while_referenced");

        boolean referenced = waitsForTheHeldTransaction(
                em -> {
                    JpaAssetRepository assets = new JpaAssetRepository(em);
                    assertThat(assets.lockAgainstReferences(asset.getId())).isTrue();
                    assets.remove(assets.find(asset.getId()).orElseThrow());
                    em.flush();
                },
                () -> {},
                em -> new JpaAssetRepository(em).lockAsReferenced(asset.getId()),
                "waits for the deletion's transaction");

        assertThat(referenced).as("the asset is gone").isFalse();
    }

    @Test
    void aReferenceLockHoldsADeletionOffButNotACommitToTheAsset() throws Exception {
        DataAsset asset = asset("referenced_while_deleted");

        boolean lockedForDeletion = waitsForTheHeldTransaction(
                em -> assertThat(new JpaAssetRepository(em).lockAsReferenced(asset.getId()))
                        .isTrue(),
                // A commit locks the asset's row as PESSIMISTIC_WRITE: it goes on while the reference lock is held.
                () -> assertThat(jpa.optional(em -> new JpaAssetRepository(em).findForUpdate(asset.getId())))
                        .isPresent(),
                em -> new JpaAssetRepository(em).lockAgainstReferences(asset.getId()),
                "waits for the referencing transaction");

        assertThat(lockedForDeletion).isTrue();
    }

    /**
     * Runs {@code held} in a transaction left open, then {@code meanwhile}, then {@code waiting} in a transaction of
     * its own on another thread, which must still wait half a second later ({@code why}); ends the held transaction
     * and returns what {@code waiting} returned.
     */
    private static <T> T waitsForTheHeldTransaction(
            Consumer<EntityManager> held, Runnable meanwhile, Function<EntityManager, T> waiting, String why)
            throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = threads.submit(() -> jpa.run(em -> {
                held.accept(em);
                holding.countDown();
                awaitQuietly(end);
            }));
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            meanwhile.run();
            Future<T> second = threads.submit(() -> jpa.inTransaction(waiting));
            Thread.sleep(500);
            assertThat(second).as(why).isNotDone();

            end.countDown();
            first.get(30, TimeUnit.SECONDS);
            return second.get(30, TimeUnit.SECONDS);
        } finally {
            end.countDown();
            threads.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not let the transaction end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void keysetPagingVisitsEveryAssetOnceInNamespaceNameOrder() {
        // Inserted out of order; "b" and "b_1" and "ba" check the collation-sensitive tie-breaks.
        add("health", "visits", List.of());
        add("crm", "contacts", List.of());
        add("health", "b_1", List.of());
        add("finance", "ledger", List.of());
        add("health", "b", List.of());
        add("crm", "accounts", List.of());
        add("health", "ba", List.of());
        List<String> expected = jpa.inTransaction(em -> em.createQuery(
                        "select concat(a.namespace, '.', a.name) from DataAsset a order by a.namespace, a.name",
                        String.class)
                .getResultList());

        List<List<String>> pages = new ArrayList<>();
        AssetCursor cursor = null;
        do {
            AssetCursor after = cursor;
            List<DataAsset> page = jpa.inTransaction(em -> new JpaAssetRepository(em).page(null, List.of(), after, 3));
            pages.add(
                    page.stream().map(a -> a.getNamespace() + "." + a.getName()).toList());
            cursor = page.size() < 3 ? null : AssetCursor.after(page.get(page.size() - 1));
        } while (cursor != null);

        assertThat(pages).hasSize(3);
        assertThat(pages.get(0)).hasSize(3);
        assertThat(pages.get(1)).hasSize(3);
        assertThat(pages.get(2)).hasSize(1);
        assertThat(pages.stream().flatMap(List::stream).toList())
                .containsExactlyElementsOf(expected)
                .doesNotHaveDuplicates()
                .hasSize(7);
        assertThat(expected.get(0)).isEqualTo("crm.accounts");
    }

    @Test
    void pageFiltersByNamespaceAndAllOfTheTags() {
        add("health", "visits", List.of("clinical", "daily"));
        add("health", "labs", List.of("clinical"));
        add("health", "billing", List.of("daily", "clinical", "money"));
        add("finance", "ledger", List.of("daily", "clinical"));

        List<String> clinicalDaily = names(null, List.of("clinical", "daily"));
        List<String> healthClinicalDaily = names("health", List.of("daily", "clinical"));
        List<String> health = names("health", List.of());
        List<String> none = names("health", List.of("clinical", "unknown"));

        assertThat(clinicalDaily).containsExactly("finance.ledger", "health.billing", "health.visits");
        assertThat(healthClinicalDaily).containsExactly("health.billing", "health.visits");
        assertThat(health).containsExactly("health.billing", "health.labs", "health.visits");
        assertThat(none).isEmpty();
    }

    @Test
    void pageWithFiltersContinuesAfterTheCursor() {
        add("health", "a1", List.of("t"));
        add("health", "a2", List.of());
        add("health", "a3", List.of("t"));
        add("health", "a4", List.of("t"));

        List<DataAsset> first =
                jpa.inTransaction(em -> new JpaAssetRepository(em).page("health", List.of("t"), null, 2));
        List<DataAsset> second = jpa.inTransaction(
                em -> new JpaAssetRepository(em).page("health", List.of("t"), AssetCursor.after(first.get(1)), 2));

        assertThat(first).extracting(DataAsset::getName).containsExactly("a1", "a3");
        assertThat(second).extracting(DataAsset::getName).containsExactly("a4");
    }

    @Test
    void findsByIdAndByNameOrReturnsEmpty() {
        DataAsset visits = add("health", "visits", List.of());

        assertThat(jpa.optional(em -> new JpaAssetRepository(em).find(visits.getId())))
                .contains(visits);
        assertThat(jpa.optional(em -> new JpaAssetRepository(em).findByName("health", "visits")))
                .map(DataAsset::getId)
                .contains(visits.getId());
        assertThat(jpa.optional(em -> new JpaAssetRepository(em).findByName("health", "labs")))
                .isEmpty();
        assertThat(jpa.optional(em -> new JpaAssetRepository(em).find(UUID.randomUUID())))
                .isEmpty();
    }

    @Test
    void removingAnAssetRemovesItsSnapshots() {
        DataAsset visits = add("health", "visits", List.of());
        AssetSnapshot first = AssetSnapshot.first(visits.getId(), SnapshotOperation.APPEND, "{}", null, null);
        jpa.run(em -> {
            em.persist(first);
            em.find(DataAsset.class, visits.getId()).commitSnapshot(first.getId(), 1, 1);
        });

        jpa.run(em -> {
            JpaAssetRepository assets = new JpaAssetRepository(em);
            assets.remove(assets.find(visits.getId()).orElseThrow());
        });

        assertThat(jpa.optional(em -> new JpaAssetRepository(em).find(visits.getId())))
                .isEmpty();
        assertThat(jpa.optional(em -> new JpaSnapshotRepository(em).find(first.getId())))
                .isEmpty();
    }

    @Test
    void tagFilterAsTheAdapterRendersItCanUseTheGinIndex() {
        add("health", "visits", List.of("clinical"));

        List<?> plan = jpa.inTransaction(em -> {
            em.createNativeQuery("SET LOCAL enable_seqscan = off").executeUpdate();
            return em.createNativeQuery("EXPLAIN SELECT id FROM lakehouse.data_assets"
                            + " WHERE cast((tags @> cast(:tags as text[])) as boolean) = true")
                    .setParameter("tags", new String[] {"clinical"})
                    .getResultList();
        });

        assertThat(plan.toString()).contains("data_assets_tags_gin");
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> jpa.inTransaction(em -> new JpaAssetRepository(em).page(null, List.of(), null, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DataAsset add(String namespace, String name, List<String> tags) {
        DataAsset asset =
                new DataAsset(namespace, name, AssetType.STRUCTURED, Classification.INTERNAL, DataAsset.EMPTY_SCHEMA);
        asset.setTags(tags);
        jpa.run(em -> new JpaAssetRepository(em).add(asset));
        return asset;
    }

    private static List<String> names(String namespace, List<String> tags) {
        return jpa.inTransaction(em -> new JpaAssetRepository(em).page(namespace, tags, null, 100)).stream()
                .map(a -> a.getNamespace() + "." + a.getName())
                .toList();
    }
}
