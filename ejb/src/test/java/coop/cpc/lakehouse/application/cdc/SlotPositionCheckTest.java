package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.ingest.postgres.SourceDatabaseUrl;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A start that resumes without Debezium's slot validation goes on only when the slot was checked and holds the COMMIT. */
class SlotPositionCheckTest {
    static final long COMMIT = 0x1BEF860L;
    static final String AT_COMMIT = "{\"transaction_id\":\"1184\",\"lsn_proc\":" + COMMIT
            + ",\"messageType\":\"COMMIT\",\"lsn_commit\":" + COMMIT + ",\"lsn\":" + COMMIT
            + ",\"txId\":1184,\"ts_usec\":1796470992697320}";
    private static final String SLOT = "lakehouse_cdc_orders";

    @Test
    void anUnreachableSourceIsRefusedNamingTheSlotAndNotThePassword() {
        // Nothing listens on port 1 of this machine: the connection is refused.
        SourceEndpoint endpoint = new SourceEndpoint(
                SourceDatabaseUrl.parse("jdbc:postgresql://127.0.0.1:1/shop"),
                "127.0.0.1",
                "cdc",
                "pw-not-shown",
                false);
        SlotPositionCheck check = SlotPositionCheck.onSource(SLOT, endpoint);

        assertThatThrownBy(() -> check.requireFor(AT_COMMIT))
                .isInstanceOf(SlotPositionCheck.RefusedException.class)
                .hasMessageStartingWith("cannot check replication slot " + SLOT + ": ")
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("pw-not-shown");
    }

    @Test
    void aMissingSlotAndASlotPastTheCommitAreRefused() {
        assertThatThrownBy(() -> new SlotPositionCheck(SLOT, s -> Optional.empty()).requireFor(AT_COMMIT))
                .isInstanceOf(SlotPositionCheck.RefusedException.class)
                .hasMessageContaining("replication slot " + SLOT + " is missing");
        assertThatThrownBy(() -> new SlotPositionCheck(SLOT, s -> Optional.of(COMMIT + 1)).requireFor(AT_COMMIT))
                .isInstanceOf(SlotPositionCheck.RefusedException.class)
                .hasMessageContaining("moved past the stream's committed position");
    }

    @Test
    void aSlotAtOrBeforeTheCommitPasses() {
        new SlotPositionCheck(SLOT, s -> Optional.of(COMMIT)).requireFor(AT_COMMIT);
        new SlotPositionCheck(SLOT, s -> Optional.of(COMMIT - 0x98)).requireFor(AT_COMMIT);
    }

    @Test
    void anOffsetDebeziumValidatesItselfNeedsNoCheck() {
        AtomicInteger asked = new AtomicInteger();
        SlotPositionCheck check = new SlotPositionCheck(SLOT, s -> {
            asked.incrementAndGet();
            return Optional.empty();
        });
        check.requireFor(null);
        check.requireFor("{\"lsn\":100,\"lsn_proc\":90,\"messageType\":\"INSERT\",\"lsn_commit\":80}");
        assertThat(asked).hasValue(0);
    }
}
