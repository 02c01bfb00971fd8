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
}
