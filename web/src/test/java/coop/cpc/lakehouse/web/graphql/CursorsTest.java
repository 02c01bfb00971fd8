package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.table.ChangeCursor;
import coop.cpc.lakehouse.application.table.RowCursor;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.asset.AssetCursor;
import coop.cpc.lakehouse.catalog.segment.SegmentCursor;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotCursor;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorsTest {
    private static final UUID ID = UUID.fromString("8d7f2c1e-0b5a-4c59-9a3e-2f1d6b7c8e90");
    private static final Instant AT = Instant.ofEpochSecond(1_764_000_000L, 123_456_789);

    @Test
    void eachKindOfCursorComesBackAsThePositionItWasMadeOf() throws InvalidInputException {
        TimeOrderCursor audit = new TimeOrderCursor(AT, ID);
        assertThat(Cursors.auditEntry(Cursors.ofAuditEntry(audit))).isEqualTo(audit);
        RowCursor rows = new RowCursor(ID, 3, 4, 5);
        assertThat(Cursors.rows(Cursors.of(rows))).isEqualTo(rows);
        ChangeCursor fromStart = new ChangeCursor(null, ID, 7);
        assertThat(Cursors.changes(Cursors.of(fromStart))).isEqualTo(fromStart);
        ChangeCursor between = new ChangeCursor(ID, UUID.randomUUID(), 0);
        assertThat(Cursors.changes(Cursors.of(between))).isEqualTo(between);
        assertThat(Cursors.execution(Cursors.ofExecution(42))).isEqualTo(42L);
    }

    @Test
    void aHistoryCursorNamesItsAssetAndPositionAndIsRefusedAsBeforeWhenItIsAnotherKind() throws Exception {
        AssetSnapshot snapshot = AssetSnapshot.first(ID, SnapshotOperation.CDC, "{}", null, null);
        assertThat(Cursors.snapshotsBefore(Cursors.of(snapshot))).isEqualTo(new SnapshotCursor(ID, 1));
        WebmSegment segment =
                new WebmSegment(ID, snapshot.getId(), "a.webm", SegmentKind.DATA, 1, 1, "0".repeat(64), "{}", 1);
        assertThat(Cursors.segmentsBefore(Cursors.of(segment))).isEqualTo(new SegmentCursor(ID, segment.getId()));
        assertThat(Cursors.snapshotsBefore(null)).isNull();

        assertThatThrownBy(() -> Cursors.segmentsBefore(Cursors.of(snapshot)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("before is not a cursor returned by this API");
        String sequenceZero = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("s\n" + ID + "\n0").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Cursors.snapshotsBefore(sequenceZero))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("before is not a cursor returned by this API");
    }

    @Test
    void noCursorIsTheFirstPage() throws InvalidInputException {
        assertThat(Cursors.asset(null)).isNull();
        assertThat(Cursors.job(null)).isNull();
        assertThat(Cursors.auditEntry(null)).isNull();
        assertThat(Cursors.rows(null)).isNull();
        assertThat(Cursors.changes(null)).isNull();
        assertThat(Cursors.execution(null)).isNull();
    }

    @Test
    void aCursorOfAnotherKindIsRefused() {
        String rows = Cursors.of(new RowCursor(ID, 1, 2, 3));
        assertThatThrownBy(() -> Cursors.job(rows))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("after is not a cursor returned by this API");
        String execution = Cursors.ofExecution(9);
        assertThatThrownBy(() -> Cursors.asset(execution)).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"j\nx\n0\n" + "8d7f2c1e-0b5a-4c59-9a3e-2f1d6b7c8e90", "j\n1\n0", "j\n1\n0\nnot-a-uuid", "e\n"})
    void aCursorWhoseFieldsDoNotParseIsRefused(String position) {
        String cursor =
                Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> {
                    if (position.startsWith("e")) {
                        Cursors.execution(cursor);
                    } else {
                        Cursors.job(cursor);
                    }
                })
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("after is not a cursor returned by this API");
    }

    @Test
    void anAssetCursorComesBackAsTheNamesItHolds() throws InvalidInputException {
        assertThat(Cursors.asset(cursor("a\nclinic\nvitals_2024"))).isEqualTo(new AssetCursor("clinic", "vitals_2024"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nx\u0000\ny", "a\nclinic\nVitals", "a\n\nvitals", "a\nclinic\nv\ud800"})
    void aForgedAssetCursorWhoseNamesBreakTheNameRuleIsRefused(String position) {
        assertThatThrownBy(() -> Cursors.asset(cursor(position)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("after is not a cursor returned by this API");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-999999999999\n0",
                "999999999999\n0",
                "-62135596801\n999999999",
                "1764000000\n1000000000",
                "1764000000\n-1"
            })
    void aCursorWhoseInstantTheCatalogCannotHoldIsRefused(String instant) {
        String job = cursor("j\n" + instant + "\n" + ID);
        String audit = cursor("l\n" + instant + "\n" + ID);

        assertThatThrownBy(() -> Cursors.job(job))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("after is not a cursor returned by this API");
        assertThatThrownBy(() -> Cursors.auditEntry(audit))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("after is not a cursor returned by this API");
    }

    @Test
    void aCursorAtTheCatalogsFirstAndLastInstantIsKept() throws InvalidInputException {
        Instant first = Instant.parse("0001-01-01T00:00:00Z");
        Instant last = Instant.parse("9999-12-31T23:59:59.999999Z");

        assertThat(Cursors.job(cursor("j\n" + first.getEpochSecond() + "\n0\n" + ID)))
                .isEqualTo(new TimeOrderCursor(first, ID));
        assertThat(Cursors.auditEntry(Cursors.ofAuditEntry(new TimeOrderCursor(last, ID))))
                .isEqualTo(new TimeOrderCursor(last, ID));
    }

    private static String cursor(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void notBase64IsRefused() {
        assertThatThrownBy(() -> Cursors.rows("**")).isInstanceOf(InvalidInputException.class);
    }
}
