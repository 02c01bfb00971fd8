package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import coop.cpc.lakehouse.application.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code updateCdcStream}'s {@code addTables} is bounded before any table name is read: a request body of a few MiB
 * holds hundreds of thousands of names, and checking each against those already added took quadratic time before
 * the bound was reached.
 */
class CdcStreamUpdateBoundsTest {
    private static final UUID STREAM_ID = UUID.randomUUID();

    /** The service with one stream of these tables; nothing past the bounds may be reached. */
    private static CdcStreamService serviceWithAStreamOf(int capturedTables) {
        List<CdcTable> captured = IntStream.range(0, capturedTables)
                .mapToObj(i -> new CdcTable("public.captured" + i, UUID.randomUUID(), List.of("id")))
                .toList();
        CdcStream stream = new CdcStream(
                STREAM_ID,
                "orders",
                "jdbc:postgresql://127.0.0.1:5432/shop",
                "reader",
                null,
                "shop",
                CdcStream.SnapshotMode.INITIAL,
                "lakehouse_cdc_orders",
                "lakehouse_cdc_orders_pub",
                false,
                true,
                List.of(),
                null,
                captured,
                Instant.EPOCH,
                0);
        return new CdcStreamService() {
            @Override
            public CdcStream get(UUID id) {
                return stream;
            }
        };
    }

    @Test
    void aListOfMoreTablesThanAStreamCapturesIsRefusedBeforeItsNamesAreRead() {
        CdcStreamService service = serviceWithAStreamOf(0);
        List<String> tables =
                IntStream.range(0, 300_000).mapToObj(i -> "public.t" + i).toList();

        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertThatThrownBy(() -> service.update(STREAM_ID, tables, null, null))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessage("addTables lists 300000 tables; a stream captures at most "
                                + CdcStreamService.MAX_TABLES));
    }

    @Test
    void addedTablesThatWouldTakeTheStreamPastTheBoundAreRefusedNamingAddTables() {
        CdcStreamService service = serviceWithAStreamOf(60);
        // Two of them it captures already: 41 new ones, one too many.
        List<String> tables = new ArrayList<>(List.of("public.captured0", "public.captured1"));
        IntStream.range(0, 41).forEach(i -> tables.add("public.t" + i));

        assertThatThrownBy(() -> service.update(STREAM_ID, tables, null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("addTables: the stream captures 60 tables and would capture 101; a stream captures at most "
                        + CdcStreamService.MAX_TABLES);
    }

    @Test
    void aMalformedAddedTableNameIsRefusedNamingAddTables() {
        CdcStreamService service = serviceWithAStreamOf(1);

        assertThatThrownBy(() -> service.update(STREAM_ID, List.of("public.t1", "no such;table"), null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("addTables: ");
    }
}
