package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.web.graphql.dto.AuditLogFilterInput;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditLogApiTest {

    @Test
    void theFilterTakesEveryPartTheAuditorGives() throws InvalidInputException {
        OffsetDateTime from = OffsetDateTime.of(2026, 1, 1, 1, 0, 0, 0, ZoneOffset.ofHours(1));
        OffsetDateTime to = from.plusDays(1);

        AuditLogFilter filter = AuditLogApi.filter(new AuditLogFilterInput(from, to, "DELETE", "DENIED", "r-1", "p-1"));

        assertThat(filter)
                .isEqualTo(new AuditLogFilter(
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-01-02T00:00:00Z"),
                        AuditAction.DELETE,
                        AuditOutcome.DENIED,
                        "r-1",
                        "p-1"));
        assertThat(AuditLogApi.filter(null)).isEqualTo(AuditLogFilter.any());
    }

    @Test
    void anUnknownActionOrOutcomeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> AuditLogApi.filter(new AuditLogFilterInput(null, null, "ERASE", null, null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("action must be one of [READ, WRITE, DELETE, SCHEMA_CHANGE, VERSION_RESTORE, MANAGE]");
        assertThatThrownBy(() -> AuditLogApi.filter(new AuditLogFilterInput(null, null, null, "OK", null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("outcome must be one of [SUCCESS, DENIED, ERROR, FAILED]");
    }

    @Test
    void anEntryCursorRoundTripsAndOtherCursorsAreRefused() throws InvalidInputException {
        TimeOrderCursor position = new TimeOrderCursor(Instant.parse("2026-03-04T05:06:07.123456Z"), UUID.randomUUID());

        assertThat(Cursors.auditEntry(Cursors.ofAuditEntry(position))).isEqualTo(position);
        assertThat(Cursors.auditEntry(null)).isNull();
        assertThatThrownBy(() -> Cursors.auditEntry("bm90IGEgY3Vyc29y"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("after is not a cursor returned by this API");
    }
}
