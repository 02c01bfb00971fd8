package coop.cpc.lakehouse.application.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.audit.AuditExport;
import coop.cpc.lakehouse.application.testing.PartialFake;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import coop.cpc.lakehouse.catalog.audit.AuditLogRepository;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DefaultAuditServiceTest {
    private final DefaultAuditService service = new DefaultAuditService();

    @Test
    void aSearchFromBeforeYearOneIsBadInputNamingFrom() {
        AuditLogFilter filter =
                new AuditLogFilter(Instant.parse("-4714-11-23T00:00:00Z"), null, null, null, null, null);

        assertThatThrownBy(() -> service.search(filter, null, 10))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("from must be from 0001-01-01T00:00:00Z");
    }

    @Test
    void anExportToAfterYear9999IsBadInputNamingTo() {
        AuditLogFilter filter =
                new AuditLogFilter(null, Instant.parse("+294277-01-01T00:00:00Z"), null, null, null, null);

        assertThatThrownBy(() -> service.export(filter, entry -> {}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("to must be from 0001-01-01T00:00:00Z");
    }

    @Test
    void aResourceIdOrPseudonymWithNulIsBadInputNamingTheFilterField() {
        AuditLogFilter resource = new AuditLogFilter(null, null, null, null, "a\u0000b", null);
        AuditLogFilter pseudonym = new AuditLogFilter(null, null, null, null, null, "p\u0000");

        assertThatThrownBy(() -> service.search(resource, null, 10))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("filter.resourceId must not contain NUL characters (U+0000, at index 1)");
        assertThatThrownBy(() -> service.export(pseudonym, entry -> {}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("filter.pseudonym must not contain NUL characters (U+0000, at index 1)");
    }

    /** The export's own audit entry says how many entries of which period it handed over (before: neither). */
    @Test
    void anExportSaysHowManyEntriesOfWhichPeriodItHandedOver() throws Exception {
        List<AuditLogEntry> handed = new ArrayList<>();
        service.log = PartialFake.of(AuditLogRepository.class, new HeldEntriesLog(3));
        Instant from = Instant.parse("2026-12-06T00:00:00Z");
        Instant to = Instant.parse("2026-12-07T00:00:00Z");

        AuditExport export = service.export(new AuditLogFilter(from, to, null, null, null, null), handed::add);

        assertThat(handed).hasSize(3);
        assertThat(export.auditDetails())
                .containsEntry("resultCount", 3L)
                .containsEntry("from", "2026-12-06T00:00:00Z")
                .containsEntry("to", "2026-12-07T00:00:00Z");
    }

    /** A trail of {@code size} entries that answers the first search with all of them; any other call fails. */
    private static final class HeldEntriesLog {
        private final List<AuditLogEntry> entries = new ArrayList<>();

        HeldEntriesLog(int size) {
            for (int i = 0; i < size; i++) {
                entries.add(new AuditLogEntry(
                        UUID.randomUUID(),
                        Instant.parse("2026-12-06T12:00:00Z").plusSeconds(i),
                        null,
                        "auditor",
                        AuditPurpose.ADMIN,
                        AuditAction.READ,
                        "asset",
                        null,
                        AuditOutcome.SUCCESS,
                        null,
                        "{}",
                        null,
                        "h" + i));
            }
        }

        public List<AuditLogEntry> search(AuditLogFilter filter, TimeOrderCursor afterOrNull, int limit) {
            return afterOrNull == null ? List.copyOf(entries) : List.of();
        }
    }

    @Test
    void aResourceIdLongerThanAnyStoredOneIsBadInputNamingTheBound() {
        AuditLogFilter filter =
                new AuditLogFilter(null, null, null, null, "r".repeat(DefaultAuditService.MAX_FILTER_TEXT + 1), null);

        assertThatThrownBy(() -> service.search(filter, null, 10))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("filter.resourceId must be at most " + DefaultAuditService.MAX_FILTER_TEXT
                        + " characters, not " + (DefaultAuditService.MAX_FILTER_TEXT + 1));
    }
}
