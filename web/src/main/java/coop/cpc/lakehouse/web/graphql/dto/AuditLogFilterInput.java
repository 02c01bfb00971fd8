package coop.cpc.lakehouse.web.graphql.dto;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("AuditLogFilterInput")
@Description("Which audit entries to list; every field is optional. action: READ, WRITE, DELETE, SCHEMA_CHANGE, "
        + "VERSION_RESTORE, MANAGE; outcome: SUCCESS, DENIED, ERROR, FAILED.")
public record AuditLogFilterInput(
        @Description("entries at or after this instant") OffsetDateTime from,
        @Description("entries before this instant") OffsetDateTime to,
        String action,
        String outcome,
        String resourceId,

        @Description("the actor's pseudonym as an entry shows it")
        String pseudonym) {}
