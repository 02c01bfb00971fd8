package coop.cpc.lakehouse.application.audit.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import java.time.Instant;
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
