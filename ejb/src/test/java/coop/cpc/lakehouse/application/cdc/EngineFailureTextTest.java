package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.table.SegmentFolderRefusedException;
import coop.cpc.lakehouse.catalog.storage.StorageVerdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EngineFailureTextTest {

    @Test
    void theSourceDatabasesReasonFollowsTheEnginesMessage() {
        Throwable error = new RuntimeException(
                "Unable to create filtered publication lakehouse_cdc_sales_orders_pub",
                new IllegalStateException(
                        "wrapped",
                        new SQLException(
                                "ERROR: must be owner of table order_lines\n  Where: SQL statement", "42501")));

        assertThat(EngineFailureText.of(error, "fallback"))
                .isEqualTo("Unable to create filtered publication lakehouse_cdc_sales_orders_pub:"
                        + " ERROR: must be owner of table order_lines");
    }

    @Test
    void aReasonTheMessageAlreadyHoldsIsNotRepeated() {
        Throwable error = new RuntimeException(
                "Cannot connect: ERROR: permission denied for database sales",
                new SQLException("ERROR: permission denied for database sales"));

        assertThat(EngineFailureText.of(error, "fallback"))
                .isEqualTo("Cannot connect: ERROR: permission denied for database sales");
    }

    @Test
    void causesThatAreNotTheDatabasesAreLeftOut() {
        Throwable error = new RuntimeException(
                "Engine failed", new IOException("/opt/server/var/webm/x.webm (No such file or directory)"));

        assertThat(EngineFailureText.of(error, "fallback")).isEqualTo("Engine failed");
    }

    @Test
    void aCommitTheSegmentFolderRefusedSaysWhoseTheFolderIsWithoutItsPath() {
        UUID thisCatalog = UUID.fromString("00000000-0000-4000-8000-0000000000f1");
        UUID otherCatalog = UUID.fromString("00000000-0000-4000-8000-0000000000f2");
        Throwable error = new RuntimeException(
                "Engine failed",
                new UncheckedIOException(
                        "Cannot write a segment of sales.orders",
                        new SegmentFolderRefusedException(
                                new StorageVerdict(StorageVerdict.Kind.FOREIGN, thisCatalog, otherCatalog, null))));

        assertThat(EngineFailureText.of(error, "fallback"))
                .startsWith("webm_storage_path is marked (.lakehouse-catalog) as the segment folder of catalog "
                        + otherCatalog + ", and this catalog is " + thisCatalog + ":");
    }

    @Test
    void anErrorWithoutMessageGivesTheFallback() {
        assertThat(EngineFailureText.of(null, "the engine stopped")).isEqualTo("the engine stopped");
        assertThat(EngineFailureText.of(new RuntimeException((String) null), "the engine stopped"))
                .isEqualTo("the engine stopped");
    }

    @Test
    void aCycleOfCausesEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        assertThat(EngineFailureText.of(first, "fallback")).isEqualTo("first");
    }

    @Test
    void aFailureWrittenForTheUserIsShownWhateverWrapsIt() {
        Throwable error = new RuntimeException(
                "Failed to fetch offsets.",
                new java.util.concurrent.ExecutionException(new SlotPositionCheck.RefusedException(
                        "the replication slot lakehouse_cdc_orders is missing on the source")));

        assertThat(EngineFailureText.of(error, "fallback"))
                .isEqualTo("the replication slot lakehouse_cdc_orders is missing on the source");
    }

    @Test
    void aChangeTheStreamMayNotSkipHaltsItWhereverDebeziumWrapsIt() {
        Throwable error = new RuntimeException(
                "Engine has failed",
                new IllegalStateException("wrapped", new UnacceptedColumnNameFailure("sales", "public.orders", "X")));

        assertThat(EngineFailureText.halts(error)).isTrue();
    }

    @Test
    void aRefusedStartOrAnyOtherErrorDoesNotHaltTheStream() {
        assertThat(EngineFailureText.halts(new RuntimeException(
                        "wrapped", new SlotPositionCheck.RefusedException("the slot could not be checked"))))
                .isFalse();
        assertThat(EngineFailureText.halts(new IllegalStateException("Connection refused")))
                .isFalse();
        assertThat(EngineFailureText.halts(null)).isFalse();
    }
}
