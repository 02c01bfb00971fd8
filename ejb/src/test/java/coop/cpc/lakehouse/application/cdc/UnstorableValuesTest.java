package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.testing.CapturedLog;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class UnstorableValuesTest {
    private static final CdcTable TABLE = new CdcTable("public.events", UUID.randomUUID(), List.of("id"));
    private static final List<Column> COLUMNS = List.of(
            new Column("id", ColumnType.of(ColumnType.Kind.INT64), false),
            new Column("ends_at", ColumnType.of(ColumnType.Kind.TIMESTAMP_US), true),
            new Column("starts_at", ColumnType.of(ColumnType.Kind.TIMESTAMP_US), false));

    private final UnstorableValueException infinity =
            new UnstorableValueException("infinity", "is outside the timestamps an asset stores");

    @Test
    void aNullableColumnGetsNullAndAWarningNamingStreamTableKeyColumnsAndColumnButNoKeyValue() {
        List<LogRecord> logged;
        try (CapturedLog log = CapturedLog.of(UnstorableValues.class)) {
            Object stored = new UnstorableValues("orders", TABLE, COLUMNS).replace("ends_at", infinity);
            assertThat(stored).isNull();
            logged = log.records();
        }
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).getLevel()).isEqualTo(Level.WARNING);
        assertThat(logged.get(0).getMessage())
                .isEqualTo("CDC stream orders, table public.events, a row (key columns id), column ends_at:"
                        + " 'infinity' is outside the timestamps an asset stores; stored as null");
    }

    @Test
    void aColumnThatCannotBeNullStopsTheStreamNamingTableColumnValueAndTheWayOn() {
        assertThatThrownBy(() -> new UnstorableValues("orders", TABLE, COLUMNS).replace("starts_at", infinity))
                .isInstanceOf(UnstorableValueFailure.class)
                .isInstanceOf(UserFacingStreamFailure.class)
                .hasMessage("CDC stream orders: table public.events, column starts_at: 'infinity' is outside the"
                        + " timestamps an asset stores, and the column cannot be null (NOT NULL or part of the key),"
                        + " so the change cannot be stored and the stream stops at it (nothing of its transaction is"
                        + " applied). A stream cannot skip a change: to go on, change the value in the source,"
                        + " delete the stream (deleteCdcStream with dropSlot: true) and its assets, and create it"
                        + " again (its initial snapshot copies the tables anew; docs/cdc.md, Types)");
    }

    @Test
    void theInitialSnapshotIsNamedWhenNoStreamIs() {
        assertThatThrownBy(() -> new UnstorableValues(null, TABLE, COLUMNS).replace("starts_at", infinity))
                .hasMessageStartingWith("initial snapshot: table public.events, column starts_at: 'infinity'");
    }
}
