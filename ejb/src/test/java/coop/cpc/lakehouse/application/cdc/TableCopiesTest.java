package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the stream hands Debezium to start or resume the copies of added tables, and what it reads back. */
class TableCopiesTest {
    private static final String AT_COMMIT = "{\"lsn\":2000,\"lsn_commit\":2000,\"lsn_proc\":2000,"
            + "\"messageType\":\"COMMIT\",\"txId\":77,\"ts_usec\":1}";

    @Test
    void aPendingCopyIsAppendedToTheOffsetFromItsFirstRow() {
        String handed = TableCopies.handOver(AT_COMMIT, List.of("public.lines"));

        Map<String, Object> offset = TableCopies.offsetMap(handed);
        assertThat(TableCopies.inProgress(offset)).containsExactly("public.lines");
        assertThat(offset).doesNotContainKeys(TableCopies.LAST_KEY, TableCopies.MAXIMUM_KEY);
        assertThat(offset).containsEntry("lsn_proc", 2000).containsEntry("messageType", "COMMIT");
        assertThat((String) offset.get(TableCopies.COLLECTIONS))
                .isEqualTo("[{\"incremental_snapshot_collections_id\":\"public.lines\","
                        + "\"incremental_snapshot_collections_additional_condition\":null,"
                        + "\"incremental_snapshot_collections_surrogate_key\":null}]");
    }

    @Test
    void aCopyInProgressKeepsItsPlaceAndItsProgressAndANewOneQueuesBehindIt() {
        String handed = TableCopies.handOver(
                "{\"lsn\":2000,\"incremental_snapshot_primary_key\":\"aced01\","
                        + "\"incremental_snapshot_maximum_key\":\"aced09\","
                        + "\"incremental_snapshot_collections\":"
                        + "\"[{\\\"incremental_snapshot_collections_id\\\":\\\"public.lines\\\"}]\"}",
                List.of("public.lines", "public.items"));

        Map<String, Object> offset = TableCopies.offsetMap(handed);
        assertThat(TableCopies.inProgress(offset)).containsExactly("public.lines", "public.items");
        assertThat(offset)
                .containsEntry(TableCopies.LAST_KEY, "aced01")
                .containsEntry(TableCopies.MAXIMUM_KEY, "aced09");
    }

    @Test
    void anOffsetThatListsEveryPendingCopyOrNoPendingCopyIsHandedOverUnchanged() {
        String listing = TableCopies.handOver(AT_COMMIT, List.of("public.lines"));

        assertThat(TableCopies.handOver(listing, List.of("public.lines"))).isSameAs(listing);
        assertThat(TableCopies.handOver(AT_COMMIT, List.of())).isSameAs(AT_COMMIT);
        assertThat(TableCopies.handOver(null, List.of("public.lines"))).isNull();
    }

    @Test
    void stalePositionKeysGoWhenNoCopyIsInProgress() {
        String handed = TableCopies.handOver(
                "{\"lsn\":5,\"incremental_snapshot_primary_key\":\"aced01\"}", List.of("public.lines"));

        assertThat(TableCopies.offsetMap(handed)).doesNotContainKey(TableCopies.LAST_KEY);
    }

    @Test
    void aCopiedRowsOffsetLosesOnlyTheKeysThatWouldLoadAsASnapshotInProgress() {
        Map<String, Object> read = Map.of(
                "lsn",
                10L,
                "snapshot",
                "INCREMENTAL",
                "last_snapshot_record",
                false,
                "snapshot_completed",
                false,
                TableCopies.LAST_KEY,
                "aced01");

        assertThat(new HashMap<String, Object>(TableCopies.storable(read)))
                .containsOnlyKeys("lsn", TableCopies.LAST_KEY)
                .containsEntry("lsn", 10L);
        Map<String, Object> initial = Map.of("lsn", 10L, "snapshot", "INITIAL", "last_snapshot_record", true);
        assertThat(TableCopies.storable(initial)).isSameAs(initial);
    }

    @Test
    void onlyTableScanNotificationsOnTheStreamsTopicAreScans() {
        ChangeRecords records = new ChangeRecords();
        String topic = StreamConsumer.notificationTopic(ChangeRecords.PREFIX);

        assertThat(TableCopies.scanOf(records.scanCompleted("lines", "EMPTY"), topic))
                .contains(new TableCopies.Scan("public.lines", "EMPTY"));
        assertThat(TableCopies.scanOf(records.scanCompleted("lines", "EMPTY"), "other.notifications"))
                .isEmpty();
        assertThat(TableCopies.scanOf(records.copied("lines", 1), topic)).isEmpty();
        assertThat(new TableCopies.Scan("public.lines", "SUCCEEDED").copied()).isTrue();
        assertThat(new TableCopies.Scan("public.lines", "SQL_EXCEPTION").copied())
                .isFalse();
    }
}
