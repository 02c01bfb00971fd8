package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.table.CompactionDeferral;
import coop.cpc.lakehouse.application.testing.PartialFake;
import coop.cpc.lakehouse.catalog.cdc.CdcStreamRepository;
import coop.cpc.lakehouse.catalog.cdc.StoredCdcOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The applier commits by compare-and-set on the offset version its caller kept, reading it only when unknown. */
class CdcApplierOffsetVersionTest {
    private final OffsetsInMemory offsets = new OffsetsInMemory();
    private final CdcApplier applier = new CdcApplier();
    private final CdcStream stream = OrdersStream.capturing(List.of());

    CdcApplierOffsetVersionTest() {
        CdcCatalog catalog = new CdcCatalog();
        catalog.streams = PartialFake.of(CdcStreamRepository.class, offsets);
        applier.catalog = catalog;
        applier.deferral = new CompactionDeferral();
    }

    @Test
    void eachCommitTakesTheVersionTheLastOneLeftWithoutReadingTheOffsetAgain() throws Exception {
        long version = CdcApplier.UNKNOWN_VERSION;
        for (long lsn = 100; lsn <= 500; lsn += 100) {
            version = applier.apply(stream, List.of(), Map.of("lsn", lsn), version);
            assertThat(version).isEqualTo(offsets.version(stream.connectorName()));
        }
        assertThat(offsets.stored.get(stream.connectorName()).json()).contains("500");
        assertThat(offsets.reads).as("reads of the stored offset").isEqualTo(1);
    }

    @Test
    void aVersionMovedByAnotherWriterCommitsNothing() throws Exception {
        long version = applier.apply(stream, List.of(), Map.of("lsn", 100L), CdcApplier.UNKNOWN_VERSION);
        applier.apply(stream, List.of(), Map.of("lsn", 200L), CdcApplier.UNKNOWN_VERSION);
        long stale = version;
        assertThatThrownBy(() -> applier.apply(stream, List.of(), Map.of("lsn", 300L), stale))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("moved by another writer");
        assertThat(offsets.stored.get(stream.connectorName()).json()).contains("200");
    }

    /**
     * cdc_offsets as JpaCdcStreamRepository writes it: version 0 when inserted, one more per update. Only the offset
     * methods of {@link CdcStreamRepository} are answered.
     */
    private static final class OffsetsInMemory {
        final Map<String, StoredCdcOffset> stored = new HashMap<>();
        int reads;

        long version(String connector) {
            return stored.get(connector).version();
        }

        Optional<StoredCdcOffset> offset(String connectorName) {
            reads++;
            return Optional.ofNullable(stored.get(connectorName));
        }

        boolean saveOffset(String connectorName, String offsetJson, long expectedVersion) {
            StoredCdcOffset now = stored.get(connectorName);
            if (expectedVersion < 0) {
                if (now != null) {
                    return false;
                }
                stored.put(connectorName, new StoredCdcOffset(offsetJson, 0));
                return true;
            }
            if (now == null || now.version() != expectedVersion) {
                return false;
            }
            stored.put(connectorName, new StoredCdcOffset(offsetJson, expectedVersion + 1));
            return true;
        }
    }
}
