package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CatalogOffsetStoreTest {

    private static ByteBuffer key(String json) {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theConnectorNameIsTheFirstElementOfKafkaConnectsKey() {
        assertThat(CatalogOffsetStore.connectorName(key("[\"2f1c\",{\"server\":\"lakehouse_orders\"}]")))
                .isEqualTo("2f1c");
    }

    @Test
    void keysOfAnotherShapeNameNoConnector() {
        assertThat(CatalogOffsetStore.connectorName(key("{\"server\":\"x\"}"))).isNull();
        assertThat(CatalogOffsetStore.connectorName(key("not json"))).isNull();
        assertThat(CatalogOffsetStore.connectorName(key("[1,{}]"))).isNull();
    }

    @Test
    void setStoresNothingAndCompletesAtOnce() throws Exception {
        boolean[] called = new boolean[1];
        var store = new CatalogOffsetStore(null);
        store.set(Map.of(key("[\"a\",{}]"), key("{\"lsn\":1}")), (error, result) -> called[0] = error == null)
                .get();
        assertThat(called[0]).isTrue();
        // Nothing was stored: a key that names no connector reads nothing, and set() touched no datasource.
        assertThat(store.get(List.of(key("x"))).get()).isEmpty();
    }

    @Test
    void getReadsTheCommittedOffsetOnEveryCall() throws Exception {
        String[] committed = {"{\"lsn\":1}"};
        var store = new CatalogOffsetStore(
                name -> name.equals("s1") ? java.util.Optional.of(committed[0]) : java.util.Optional.empty());
        store.start();
        ByteBuffer key = key("[\"s1\",{\"server\":\"x\"}]");
        assertThat(read(store, key)).isEqualTo("{\"lsn\":1}");

        committed[0] = "{\"lsn\":2}";
        // No cache: the next get() sees what the catalog committed since.
        assertThat(read(store, key)).isEqualTo("{\"lsn\":2}");
        assertThat(store.get(List.of(key("[\"s2\",{}]"))).get()).isEmpty();
    }

    @Test
    void aStoreBuiltByNameReadsThroughTheCatalogTheHostHandsOver() throws Exception {
        CatalogOffsetStore.readFrom(null);
        assertThatThrownBy(() -> new CatalogOffsetStore().start())
                .hasMessageContaining("CDC engine host is not running");
        try {
            CatalogOffsetStore.readFrom(name -> java.util.Optional.of("{\"lsn\":3}"));
            var store = new CatalogOffsetStore();
            store.start();
            ByteBuffer key = key("[\"s1\",{}]");
            assertThat(read(store, key)).isEqualTo("{\"lsn\":3}");
        } finally {
            CatalogOffsetStore.readFrom(null);
        }
    }

    @Test
    void eachGetChecksTheSlotBeforeItHandsOverTheOffsetWithoutLsnProc() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        SlotPositionCheck passing = new SlotPositionCheck("slot_s1", s -> {
            checks.incrementAndGet();
            return Optional.of(SlotPositionCheckTest.COMMIT);
        });
        var store = new CatalogOffsetStore(name -> Optional.of(SlotPositionCheckTest.AT_COMMIT), name -> passing);
        store.start();
        ByteBuffer key = key("[\"s1\",{}]");

        // The first read (the start) and a second one (Debezium's task restart after a retriable error) each check.
        for (int read = 1; read <= 2; read++) {
            String handed = read(store, key);
            assertThat(handed).doesNotContain("lsn_proc").contains("\"lsn_commit\":" + SlotPositionCheckTest.COMMIT);
            assertThat(checks).hasValue(read);
        }
    }

    @Test
    void aCopyInProgressReachesDebeziumWholeFromACommittedOffsetAtACommit() throws Exception {
        SlotPositionCheck passing = new SlotPositionCheck("slot_s1", s -> Optional.of(SlotPositionCheckTest.COMMIT));
        // As the host reads it: the stored offset of a stream with a pending copy of public.lines.
        var store = new CatalogOffsetStore(
                name -> Optional.of(TableCopies.handOver(SlotPositionCheckTest.AT_COMMIT, List.of("public.lines"))),
                name -> passing);
        store.start();

        Map<String, Object> handed = TableCopies.offsetMap(read(store, key("[\"s1\",{}]")));

        assertThat(TableCopies.inProgress(handed)).containsExactly("public.lines");
        assertThat(handed).doesNotContainKey("lsn_proc").containsKey("lsn_commit");
    }

    @Test
    void aFailedSlotCheckFailsTheReadSoTheEngineDoesNotStart() {
        SlotPositionCheck missing = new SlotPositionCheck("slot_s1", s -> Optional.empty());
        var store = new CatalogOffsetStore(name -> Optional.of(SlotPositionCheckTest.AT_COMMIT), name -> missing);
        store.start();

        assertThatThrownBy(() -> store.get(List.of(key("[\"s1\",{}]"))).get())
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(SlotPositionCheck.RefusedException.class)
                .hasMessageContaining("replication slot slot_s1 is missing");
    }

    @Test
    void theOffsetACompletedSnapshotLeftIsHandedOverOnlyWhileTheSlotHoldsItsPosition() throws Exception {
        String snapshotDone = "{\"last_snapshot_record\":true,\"lsn\":5000,\"snapshot\":\"INITIAL\"}";
        var holding = new CatalogOffsetStore(
                name -> Optional.of(snapshotDone), name -> new SlotPositionCheck("slot_s1", s -> Optional.of(5000L)));
        holding.start();
        assertThat(read(holding, key("[\"s1\",{}]"))).isEqualTo(snapshotDone);

        var recreated = new CatalogOffsetStore(
                name -> Optional.of(snapshotDone), name -> new SlotPositionCheck("slot_s1", s -> Optional.of(5001L)));
        recreated.start();
        assertThatThrownBy(() -> recreated.get(List.of(key("[\"s1\",{}]"))).get())
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(SlotPositionCheck.RefusedException.class)
                .hasMessageContaining("replication slot slot_s1 was moved past");
    }

    @Test
    void withoutASlotCheckTheStoredOffsetGoesToDebeziumWithLsnProc() throws Exception {
        var store = new CatalogOffsetStore(name -> Optional.of(SlotPositionCheckTest.AT_COMMIT));
        store.start();
        ByteBuffer key = key("[\"s1\",{}]");
        for (int read = 1; read <= 2; read++) {
            assertThat(read(store, key)).isEqualTo(SlotPositionCheckTest.AT_COMMIT);
        }
    }

    @Test
    void theHostsSlotChecksReachTheStoresKafkaConnectBuildsUntilForgotten() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        try {
            CatalogOffsetStore.readFrom(name -> Optional.of(SlotPositionCheckTest.AT_COMMIT));
            CatalogOffsetStore.checkSlotWith("s1", new SlotPositionCheck("slot_s1", s -> {
                checks.incrementAndGet();
                return Optional.of(SlotPositionCheckTest.COMMIT);
            }));
            var store = new CatalogOffsetStore();
            store.start();
            ByteBuffer key = key("[\"s1\",{}]");
            assertThat(read(store, key)).doesNotContain("lsn_proc");
            assertThat(checks).hasValue(1);

            CatalogOffsetStore.checkSlotWith("s1", null);
            assertThat(read(store, key)).isEqualTo(SlotPositionCheckTest.AT_COMMIT);
            assertThat(checks).hasValue(1);
        } finally {
            CatalogOffsetStore.readFrom(null);
        }
    }

    /** What the store hands Debezium for {@code key}, as text. */
    private static String read(CatalogOffsetStore store, ByteBuffer key) throws Exception {
        return StandardCharsets.UTF_8
                .decode(store.get(List.of(key)).get().get(key))
                .toString();
    }
}
