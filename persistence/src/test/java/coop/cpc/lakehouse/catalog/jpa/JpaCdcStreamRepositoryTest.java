package coop.cpc.lakehouse.catalog.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.catalog.CatalogPersistence;
import coop.cpc.lakehouse.catalog.EmbeddedCatalog;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.cdc.CdcStreamRow;
import coop.cpc.lakehouse.catalog.cdc.CdcStreamTableRow;
import coop.cpc.lakehouse.catalog.cdc.DuplicateCdcStreamException;
import coop.cpc.lakehouse.catalog.cdc.StoredCdcOffset;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaCdcStreamRepositoryTest {
    private static final String SCHEMA = "{\"columns\": [{\"name\": \"id\", \"type\": \"BIGINT\","
            + " \"nullable\": false, \"primaryKey\": true, \"pii\": \"NONE\"}]}";

    private static EmbeddedCatalog catalog;
    private static CatalogPersistence jpa;

    @BeforeAll
    static void open() {
        catalog = EmbeddedCatalog.start();
        jpa = CatalogPersistence.open(catalog.newDatabase());
    }

    @AfterAll
    static void close() throws Exception {
        jpa.close();
        catalog.close();
    }

    @BeforeEach
    void emptyCatalog() {
        jpa.truncateAll();
    }

    private UUID asset(String name) {
        DataAsset asset = new DataAsset("cdc", name, AssetType.STRUCTURED, Classification.INTERNAL, SCHEMA);
        jpa.run(em -> em.persist(asset));
        return asset.getId();
    }

    private static boolean saved(java.util.function.Function<jakarta.persistence.EntityManager, Boolean> write) {
        return jpa.inTransaction(write);
    }

    private static CdcStreamRow stream(String name, List<CdcStreamTableRow> tables) {
        return stream(name, "lakehouse_" + name, tables);
    }

    private static CdcStreamRow stream(String name, String slot, List<CdcStreamTableRow> tables) {
        return new CdcStreamRow(
                UUID.randomUUID(),
                name,
                "jdbc:postgresql://127.0.0.1:5432/erp",
                "cdc",
                "erp_password",
                "cdc",
                "INITIAL",
                slot,
                slot + "_pub",
                "RUNNING",
                false,
                "[\"erp\"]",
                null,
                tables,
                Instant.EPOCH,
                0);
    }

    /** The row, inserted (by alice). */
    private static CdcStreamRow inserted(CdcStreamRow row) {
        jpa.run(em -> new JpaCdcStreamRepository(em).insert(row, "alice"));
        return row;
    }

    private static CdcStreamRow stored(UUID streamId) {
        return jpa.optional(em -> new JpaCdcStreamRepository(em).find(streamId)).orElseThrow();
    }

    /** A captured table whose key is its id column. */
    private static CdcStreamTableRow keyedById(String sourceTable, UUID assetId) {
        return new CdcStreamTableRow(sourceTable, assetId, "[\"id\"]");
    }

    @Test
    void aPageHoldsItsStreamsInCreationOrderWithTheirTablesAndContinuesAfterACursor() {
        UUID a1 = asset("a1");
        UUID a2 = asset("a2");
        UUID b1 = asset("b1");
        CdcStreamRow first = inserted(stream("first", List.of(keyedById("public.a2", a2), keyedById("public.a1", a1))));
        CdcStreamRow second = inserted(stream("second", List.of(keyedById("public.b1", b1))));
        CdcStreamRow third = inserted(stream("third", List.of()));

        List<CdcStreamRow> page = jpa.list(em -> new JpaCdcStreamRepository(em).page(null, 2));
        assertThat(page).extracting(CdcStreamRow::id).containsExactly(first.id(), second.id());
        assertThat(page.get(0).tables())
                .extracting(CdcStreamTableRow::sourceTable)
                .containsExactly("public.a1", "public.a2");
        assertThat(page.get(1).tables()).extracting(CdcStreamTableRow::assetId).containsExactly(b1);

        CdcStreamRow last = page.get(1);
        List<CdcStreamRow> next = jpa.list(em -> new JpaCdcStreamRepository(em)
                .page(new coop.cpc.lakehouse.catalog.TimeOrderCursor(last.createdAt(), last.id()), 2));
        assertThat(next).extracting(CdcStreamRow::id).containsExactly(third.id());
        assertThat(next.get(0).tables()).isEmpty();

        java.util.Map<UUID, Long> counts =
                jpa.inTransaction(em -> new JpaAssetRepository(em).rowCounts(List.of(a1, b1, UUID.randomUUID())));
        assertThat(counts).containsOnlyKeys(a1, b1).containsValues(0L);
    }

    @Test
    void insertedStreamReadsBackWithItsTablesByIdAndByName() {
        UUID orders = asset("orders");
        UUID lines = asset("order_lines");
        CdcStreamRow row = inserted(stream(
                "erp",
                List.of(
                        keyedById("public.orders", orders),
                        new CdcStreamTableRow("public.order_lines", lines, "[\"order_id\", \"line\"]"))));

        CdcStreamRow read = stored(row.id());
        assertThat(read.name()).isEqualTo("erp");
        assertThat(read.sourceUrl()).isEqualTo(row.sourceUrl());
        assertThat(read.passwordAlias()).isEqualTo("erp_password");
        assertThat(read.snapshotMode()).isEqualTo("INITIAL");
        assertThat(read.desiredState()).isEqualTo("RUNNING");
        assertThat(read.snapshotCompleted()).isFalse();
        assertThat(read.tagsJson()).isEqualTo("[\"erp\"]");
        assertThat(read.createdAt()).isAfter(Instant.EPOCH);
        // Ordered by source table.
        assertThat(read.tables())
                .extracting(CdcStreamTableRow::sourceTable)
                .containsExactly("public.order_lines", "public.orders");
        assertThat(read.tables().get(0).keyColumnsJson()).isEqualTo("[\"order_id\", \"line\"]");
        assertThat(read.tables().get(1).assetId()).isEqualTo(orders);

        assertThat(jpa.optional(em -> new JpaCdcStreamRepository(em).findByName("erp")))
                .map(CdcStreamRow::id)
                .contains(row.id());
        assertThat(jpa.optional(em -> new JpaCdcStreamRepository(em).findByName("crm")))
                .isEmpty();
        assertThat(jpa.list(em -> new JpaCdcStreamRepository(em).list()))
                .extracting(CdcStreamRow::id)
                .containsExactly(row.id());
    }

    @Test
    void theStreamsWritingIntoAnAssetAreNamed() {
        UUID orders = asset("orders");
        UUID lines = asset("order_lines");
        UUID unfed = asset("unfed");
        inserted(stream("erp", List.of(keyedById("public.orders", orders), keyedById("public.order_lines", lines))));
        inserted(stream("audit", List.of(keyedById("public.orders", orders))));

        assertThat(jpa.list(em -> new JpaCdcStreamRepository(em).namesWriting(orders)))
                .containsExactly("audit", "erp");
        assertThat(jpa.list(em -> new JpaCdcStreamRepository(em).namesWriting(lines)))
                .containsExactly("erp");
        assertThat(jpa.list(em -> new JpaCdcStreamRepository(em).namesWriting(unfed)))
                .isEmpty();
    }

    @Test
    void stateErrorSnapshotAndTablesChangeInPlace() {
        UUID orders = asset("orders");
        UUID customers = asset("customers");
        CdcStreamRow row = inserted(stream("erp", List.of(keyedById("public.orders", orders))));

        jpa.run(em -> {
            JpaCdcStreamRepository streams = new JpaCdcStreamRepository(em);
            streams.setDesiredState(row.id(), "STOPPED");
            streams.setLastError(row.id(), "slot is gone");
            streams.markSnapshotCompleted(row.id());
            streams.addTables(
                    row.id(), List.of(keyedById("public.customers", customers), keyedById("public.orders", orders)));
        });

        CdcStreamRow read = stored(row.id());
        assertThat(read.desiredState()).isEqualTo("STOPPED");
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.lastError()).isEqualTo("slot is gone");
        assertThat(read.snapshotCompleted()).isTrue();
        assertThat(read.tables())
                .extracting(CdcStreamTableRow::sourceTable)
                .containsExactly("public.customers", "public.orders");

        jpa.run(em -> new JpaCdcStreamRepository(em).setLastError(row.id(), null));
        assertThat(stored(row.id()).lastError()).isNull();
    }

    @Test
    void aPendingCopyKeepsItsRequestThroughAReplaceAndIsMarkedCompletedOnce() {
        UUID orders = asset("orders");
        UUID lines = asset("lines");
        CdcStreamRow row = inserted(stream("erp", List.of(keyedById("public.orders", orders))));
        Instant requested = Instant.parse("2026-12-06T00:30:00Z");
        jpa.run(em -> new JpaCdcStreamRepository(em)
                .addTables(
                        row.id(),
                        List.of(
                                keyedById("public.orders", orders),
                                new CdcStreamTableRow("public.lines", lines, "[\"id\"]", requested, null))));

        CdcStreamTableRow pending = table(row.id(), "public.lines");
        assertThat(pending.copyRequestedAt()).isEqualTo(requested);
        assertThat(pending.copyCompletedAt()).isNull();
        assertThat(table(row.id(), "public.orders").copyRequestedAt()).isNull();

        // A table with no copy requested (orders) is left alone; a completed copy is not completed again.
        assertThat(saved(em -> new JpaCdcStreamRepository(em)
                                .markCopiesCompleted(row.id(), List.of("public.lines", "public.orders"))
                        == 1))
                .isTrue();
        Instant completed = table(row.id(), "public.lines").copyCompletedAt();
        assertThat(completed).isNotNull();
        assertThat(table(row.id(), "public.orders").copyCompletedAt()).isNull();
        assertThat(saved(em ->
                        new JpaCdcStreamRepository(em).markCopiesCompleted(row.id(), List.of("public.lines")) == 0))
                .isTrue();
        assertThat(table(row.id(), "public.lines").copyCompletedAt()).isEqualTo(completed);
    }

    @Test
    void addingTablesFromAStaleReadKeepsAnotherTablesCompletedCopy() {
        UUID orders = asset("orders");
        UUID lines = asset("lines");
        UUID items = asset("items");
        CdcStreamRow row = inserted(stream("erp", List.of(keyedById("public.orders", orders))));
        Instant requested = Instant.parse("2026-12-06T00:30:00Z");
        CdcStreamTableRow pendingLines = new CdcStreamTableRow("public.lines", lines, "[\"id\"]", requested, null);
        jpa.run(em -> new JpaCdcStreamRepository(em).addTables(row.id(), List.of(pendingLines)));
        // An update read the stream while the copy of lines was pending; the copy completes meanwhile.
        jpa.run(em -> new JpaCdcStreamRepository(em).markCopiesCompleted(row.id(), List.of("public.lines")));
        Instant completed = table(row.id(), "public.lines").copyCompletedAt();

        jpa.run(em -> new JpaCdcStreamRepository(em)
                .addTables(
                        row.id(),
                        List.of(
                                pendingLines,
                                new CdcStreamTableRow("public.items", items, "[\"id\"]", requested, null))));

        assertThat(completed).isNotNull();
        assertThat(table(row.id(), "public.lines").copyCompletedAt()).isEqualTo(completed);
        assertThat(table(row.id(), "public.items").copyCompletedAt()).isNull();
        assertThat(table(row.id(), "public.orders").copyRequestedAt()).isNull();
    }

    private static CdcStreamTableRow table(UUID streamId, String sourceTable) {
        return stored(streamId).tables().stream()
                .filter(t -> t.sourceTable().equals(sourceTable))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void deleteRemovesTheStreamItsTablesAndItsOffsetButNotItsAssets() {
        UUID orders = asset("orders");
        CdcStreamRow row = inserted(stream("erp", List.of(keyedById("public.orders", orders))));
        CdcStreamRow other = inserted(stream("crm", List.of()));
        assertThat(saved(em -> new JpaCdcStreamRepository(em).saveOffset("erp-connector", "{\"lsn\": 1}", -1)))
                .isTrue();
        assertThat(saved(em -> new JpaCdcStreamRepository(em).saveOffset("crm-connector", "{\"lsn\": 2}", -1)))
                .isTrue();

        assertThat(saved(em -> new JpaCdcStreamRepository(em).delete(row.id(), "erp-connector")))
                .isTrue();

        assertThat(jpa.optional(em -> new JpaCdcStreamRepository(em).find(row.id())))
                .isEmpty();
        assertThat(jpa.optional(em -> new JpaCdcStreamRepository(em).offset("erp-connector")))
                .isEmpty();
        assertThat(jpa.optional(em -> new JpaCdcStreamRepository(em).offset("crm-connector")))
                .isPresent();
        assertThat(jpa.list(em -> new JpaCdcStreamRepository(em).list()))
                .extracting(CdcStreamRow::id)
                .containsExactly(other.id());
        assertThat(jpa.optional(em -> Optional.ofNullable(em.find(DataAsset.class, orders))))
                .isPresent();
        assertThat(saved(em -> new JpaCdcStreamRepository(em).delete(row.id(), "erp-connector")))
                .isFalse();
    }

    @Test
    void offsetIsWrittenByCompareAndSetOnItsVersion() {
        assertThat(jpa.optional(em -> new JpaCdcStreamRepository(em).offset("c1")))
                .isEmpty();

        // -1: no offset yet; a second first write loses.
        assertThat(saved(em -> new JpaCdcStreamRepository(em).saveOffset("c1", "{\"lsn\": 1}", -1)))
                .isTrue();
        assertThat(saved(em -> new JpaCdcStreamRepository(em).saveOffset("c1", "{\"lsn\": 9}", -1)))
                .isFalse();
        StoredCdcOffset first =
                jpa.optional(em -> new JpaCdcStreamRepository(em).offset("c1")).orElseThrow();
        assertThat(first.json()).isEqualTo("{\"lsn\": 1}");

        assertThat(saved(em -> new JpaCdcStreamRepository(em).saveOffset("c1", "{\"lsn\": 2}", first.version())))
                .isTrue();
        // A writer that read the old version is refused and changes nothing.
        assertThat(saved(em -> new JpaCdcStreamRepository(em).saveOffset("c1", "{\"lsn\": 7}", first.version())))
                .isFalse();
        StoredCdcOffset second =
                jpa.optional(em -> new JpaCdcStreamRepository(em).offset("c1")).orElseThrow();
        assertThat(second.json()).isEqualTo("{\"lsn\": 2}");
        assertThat(second.version()).isEqualTo(first.version() + 1);

        jpa.run(em -> new JpaCdcStreamRepository(em).deleteOffset("c1"));
        assertThat(jpa.optional(em -> new JpaCdcStreamRepository(em).offset("c1")))
                .isEmpty();
    }

    @Test
    void offsetCommitsOrRollsBackWithTheCallersTransaction() {
        // The offset goes with the snapshot commit it covers: a failed transaction leaves no offset.
        assertThatThrownBy(() -> jpa.run(em -> {
                    DataAsset asset =
                            new DataAsset("cdc", "orders", AssetType.STRUCTURED, Classification.INTERNAL, SCHEMA);
                    em.persist(asset);
                    assertThat(new JpaCdcStreamRepository(em).saveOffset("c2", "{\"lsn\": 5}", -1))
                            .isTrue();
                    throw new IllegalStateException("commit failed");
                }))
                .hasMessage("commit failed");
        assertThat(jpa.optional(em -> new JpaCdcStreamRepository(em).offset("c2")))
                .isEqualTo(Optional.empty());

        jpa.run(em -> new JpaCdcStreamRepository(em).saveOffset("c2", "{\"lsn\": 5}", -1));
        assertThat(jpa.optional(em -> new JpaCdcStreamRepository(em).offset("c2")))
                .map(StoredCdcOffset::json)
                .contains("{\"lsn\": 5}");
    }

    @Test
    void aTakenNameOrSlotIsReportedAsSuch() {
        jpa.run(em -> new JpaCdcStreamRepository(em).insert(stream("erp", "lakehouse_erp", List.of()), "alice"));

        assertThatThrownBy(() -> jpa.run(em ->
                        new JpaCdcStreamRepository(em).insert(stream("erp", "lakehouse_other", List.of()), "bob")))
                .isInstanceOfSatisfying(
                        DuplicateCdcStreamException.class,
                        e -> assertThat(e.taken()).isEqualTo(DuplicateCdcStreamException.Taken.NAME))
                .hasMessage("another CDC stream holds the name erp");
        assertThatThrownBy(() -> jpa.run(
                        em -> new JpaCdcStreamRepository(em).insert(stream("crm", "lakehouse_erp", List.of()), "bob")))
                .isInstanceOfSatisfying(
                        DuplicateCdcStreamException.class,
                        e -> assertThat(e.taken()).isEqualTo(DuplicateCdcStreamException.Taken.SLOT))
                .hasMessage("another CDC stream holds the slot lakehouse_erp");
        assertThat(jpa.list(em -> new JpaCdcStreamRepository(em).list())).hasSize(1);
    }
}
