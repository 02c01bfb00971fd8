package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.debezium.connector.postgresql.connection.Lsn;
import io.debezium.connector.postgresql.connection.ReplicationMessage;
import io.debezium.connector.postgresql.connection.ReplicationMessage.Operation;
import io.debezium.connector.postgresql.connection.TransactionMessage;
import io.debezium.connector.postgresql.connection.WalPositionLocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Resuming from a committed offset loses no change of a transaction that was open across the last
 * committed COMMIT. The failed {@code CdcStreamIT} run of 2026-12-05 11:43 (stream events_it) had this
 * shape: the stored offset was heartbeat transaction 1184's COMMIT at 0/1BEF860; after the walsender was
 * terminated, PostgreSQL sent transaction 1182 (BEGIN at 0/1BEF3D0, committed later) whose change at
 * 0/1BEF860 Debezium took for the stored change ("LSN after last stored change LSN '0/1BEF8F8'
 * received"), so its changes from 0/1BEF3D0 to 0/1BEF860 were filtered and the rest applied.
 */
class ResumeOffsetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final long HEARTBEAT_COMMIT = 0x1BEF860L;
    private static final long WORKLOAD_BEGIN = 0x1BEF3D0L;
    private static final String AT_COMMIT = "{\"transaction_id\":\"1184\",\"lsn_proc\":" + HEARTBEAT_COMMIT
            + ",\"messageType\":\"COMMIT\",\"lsn_commit\":" + HEARTBEAT_COMMIT + ",\"lsn\":" + HEARTBEAT_COMMIT
            + ",\"txId\":1184,\"ts_usec\":1796470992697320}";

    /** A message PostgreSQL sends, with its LSN. */
    private record Message(long lsn, ReplicationMessage message) {}

    /**
     * What PostgreSQL sends when streaming starts at the heartbeat's COMMIT: the workload transaction that
     * began before it and committed after it, whole, one change record every 0x98 bytes, one of them starting
     * where the heartbeat's COMMIT record ended.
     */
    private static List<Message> workloadTransaction() {
        List<Message> messages = new ArrayList<>();
        Instant at = Instant.parse("2026-12-05T11:43:12.80Z");
        messages.add(new Message(WORKLOAD_BEGIN, new TransactionMessage(Operation.BEGIN, 1182, at)));
        for (long lsn = WORKLOAD_BEGIN; lsn < HEARTBEAT_COMMIT - 0x98; lsn += 0x98) {
            messages.add(new Message(lsn, new ReplicationMessage.NoopMessage(1182L, at, Operation.INSERT)));
        }
        // The heartbeat's COMMIT record ends at HEARTBEAT_COMMIT; the next change record starts there.
        for (long lsn = HEARTBEAT_COMMIT; lsn <= 0x1BEFC00L; lsn += 0x98) {
            messages.add(new Message(lsn, new ReplicationMessage.NoopMessage(1182L, at, Operation.INSERT)));
        }
        messages.add(new Message(0x1BEFD00L, new TransactionMessage(Operation.COMMIT, 1182, at)));
        return messages;
    }

    /**
     * The changes the PostgreSQL connector (3.6) delivers from these messages when it resumes from the offset
     * JSON it reads: with {@code lsn_proc} (PostgresOffsetContext.Loader: lsn_commit, else lsn_proc; and
     * messageType) it searches the resume position with {@link WalPositionLocator}, restarts and filters
     * changes (pgoutput always passes BEGIN and COMMIT); without it, it streams from {@code lsn} unfiltered
     * (PostgresStreamingChangeEventSource#execute).
     */
    private static List<Long> delivered(String offsetJson, List<Message> messages) throws Exception {
        Map<?, ?> offset = JSON.readValue(offsetJson, Map.class);
        Number processed = (Number) offset.get("lsn_proc");
        List<Long> changes = new ArrayList<>();
        if (processed == null) {
            messages.stream().filter(m -> !m.message().isTransactionalMessage()).forEach(m -> changes.add(m.lsn()));
            return changes;
        }
        Number commit = (Number) offset.get("lsn_commit");
        Object type = offset.get("messageType");
        WalPositionLocator locator = new WalPositionLocator(
                Lsn.valueOf((commit != null ? commit : processed).longValue()),
                Lsn.valueOf(processed.longValue()),
                type == null ? null : Operation.valueOf(type.toString()));
        for (Message m : messages) {
            Optional<Lsn> resume = locator.resumeFromLsn(Lsn.valueOf(m.lsn()), m.message());
            if (resume.isPresent()) {
                break;
            }
        }
        locator.enableFiltering();
        for (Message m : messages) {
            boolean skip = locator.skipMessage(Lsn.valueOf(m.lsn()));
            if (!m.message().isTransactionalMessage() && !skip) {
                changes.add(m.lsn());
            }
        }
        return changes;
    }

    private static List<Long> all(List<Message> messages) {
        return messages.stream()
                .filter(m -> !m.message().isTransactionalMessage())
                .map(Message::lsn)
                .toList();
    }

    @Test
    void debeziumsSearchFromTheStoredOffsetDropsTheStartOfATransactionOpenAcrossTheStoredCommit() throws Exception {
        List<Message> messages = workloadTransaction();
        // The defect this class works around, as Debezium 3.6 behaves on the offset as stored.
        assertThat(delivered(AT_COMMIT, messages))
                .as("changes delivered from the offset as stored")
                .doesNotContain(WORKLOAD_BEGIN, HEARTBEAT_COMMIT)
                .isNotEmpty();
    }

    @Test
    void resumingFromACommitDeliversEveryChangeOfATransactionOpenAcrossIt() throws Exception {
        List<Message> messages = workloadTransaction();
        assertThat(delivered(ResumeOffset.of(AT_COMMIT), messages)).isEqualTo(all(messages));
    }

    @Test
    void theStoreHandsDebeziumTheOffsetToResumeFromOnceTheSlotHoldsTheCommit() throws Exception {
        SlotPositionCheck slotAtCommit = new SlotPositionCheck("slot_s1", s -> Optional.of(HEARTBEAT_COMMIT));
        var store = new CatalogOffsetStore(name -> Optional.of(AT_COMMIT), name -> slotAtCommit);
        store.start();
        ByteBuffer key = ByteBuffer.wrap("[\"s1\",{}]".getBytes(StandardCharsets.UTF_8));
        String handed = StandardCharsets.UTF_8
                .decode(store.get(List.of(key)).get().get(key))
                .toString();
        assertThat(delivered(handed, workloadTransaction())).isEqualTo(all(workloadTransaction()));
    }

    @Test
    void aCommitOffsetKeepsEverythingButTheProcessedPosition() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode expected =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(AT_COMMIT);
        expected.remove("lsn_proc");
        assertThat(JSON.readTree(ResumeOffset.of(AT_COMMIT))).isEqualTo(expected);
        assertThat(expected.get("lsn").asLong()).isEqualTo(HEARTBEAT_COMMIT);
        assertThat(expected.get("lsn_commit").asLong()).isEqualTo(HEARTBEAT_COMMIT);
    }

    @Test
    void anOffsetInsideATransactionGoesToDebeziumsSearchUnchanged() {
        String insideTransaction =
                "{\"lsn_proc\":300,\"messageType\":\"INSERT\",\"lsn_commit\":200,\"lsn\":300,\"txId\":9}";
        String begin = "{\"lsn_proc\":300,\"messageType\":\"BEGIN\",\"lsn_commit\":300,\"lsn\":300,\"txId\":9}";
        String commitBehind = "{\"lsn_proc\":300,\"messageType\":\"COMMIT\",\"lsn_commit\":200,\"lsn\":300}";
        assertThat(ResumeOffset.of(insideTransaction)).isEqualTo(insideTransaction);
        assertThat(ResumeOffset.of(begin)).isEqualTo(begin);
        assertThat(ResumeOffset.of(commitBehind)).isEqualTo(commitBehind);
        assertThat(ResumeOffset.of("{\"lsn\":1}")).isEqualTo("{\"lsn\":1}");
        assertThat(ResumeOffset.of("not json")).isEqualTo("not json");
    }

    @Test
    void theHostChecksTheSlotAgainstExactlyTheOffsetsDebeziumNoLongerValidates() {
        assertThat(ResumeOffset.unvalidatedLsn(AT_COMMIT)).isEqualTo(HEARTBEAT_COMMIT);
        assertThat(ResumeOffset.unvalidatedLsn(
                        "{\"lsn_proc\":300,\"messageType\":\"INSERT\",\"lsn_commit\":200,\"lsn\":300}"))
                .isNull();
        assertThat(ResumeOffset.unvalidatedLsn("not json")).isNull();
        assertThat(ResumeOffset.unvalidatedLsn(null)).isNull();
    }

    /**
     * The failed CI run of 2026-12-06 06:00 (CdcSafeguardsIT, stream slot_check_it): the walsender was terminated
     * while the stored offset was still the one the initial snapshot left, which has no {@code lsn_proc}; Debezium
     * compared nothing with the slot created again, streamed from it, and the rows written in between were lost.
     */
    @Test
    void theOffsetOfACompletedSnapshotIsCheckedAgainstItsPosition() {
        assertThat(ResumeOffset.unvalidatedLsn("{\"lsn\":28556064,\"txId\":1026}"))
                .isEqualTo(28556064L);
        assertThat(ResumeOffset.unvalidatedLsn("{\"last_snapshot_record\":true,\"lsn\":28556064,\"txId\":1026,"
                        + "\"snapshot\":\"INITIAL\",\"snapshot_completed\":false,\"ts_usec\":1796470992697320}"))
                .isEqualTo(28556064L);
        assertThat(ResumeOffset.unvalidatedLsn("{\"last_snapshot_record\":false,\"lsn\":28556064,"
                        + "\"snapshot\":\"INITIAL\",\"snapshot_completed\":true}"))
                .isEqualTo(28556064L);
    }

    /**
     * After a resume from an offset without {@code lsn_proc}, Debezium's heartbeats on an idle source carry the
     * last commit without one either: Debezium checks nothing for it, the host does.
     */
    @Test
    void aHeartbeatOffsetWithoutLsnProcIsCheckedAgainstItsCommit() {
        assertThat(ResumeOffset.unvalidatedLsn("{\"lsn\":29000000,\"lsn_commit\":29000000,\"messageType\":\"COMMIT\","
                        + "\"txId\":1200,\"ts_usec\":1796470992697320}"))
                .isEqualTo(29000000L);
    }

    @Test
    void theOffsetOfASnapshotInProgressIsNotCheckedBecauseTheSnapshotIsTakenAgain() {
        assertThat(ResumeOffset.unvalidatedLsn("{\"last_snapshot_record\":false,\"lsn\":28556064,\"txId\":1026,"
                        + "\"snapshot\":\"INITIAL\",\"snapshot_completed\":false}"))
                .isNull();
        assertThat(ResumeOffset.unvalidatedLsn("{\"lsn\":28556064,\"snapshot\":true}"))
                .isNull();
    }
}
