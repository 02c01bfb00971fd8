package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.audit.AuditService;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import coop.cpc.lakehouse.catalog.audit.AuditLogRepository;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.web.graphql.dto.AuditEntry;
import coop.cpc.lakehouse.web.graphql.dto.AuditEntryConnection;
import coop.cpc.lakehouse.web.graphql.dto.AuditLogFilterInput;
import coop.cpc.lakehouse.web.graphql.dto.PageInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** The audit trail for the auditor role: filtered, keyset-paged entries. */
@GraphQLApi
@HidesInternalErrors
@Authorized
@ApplicationScoped
public class AuditLogApi {

    @Inject
    AuditService audit;

    @Query("auditLog")
    @Description("Audit entries oldest first, filtered; for the auditor role. The export for a SIEM is "
            + "GET /lakehouse/audit/export.ndjson?from=&to= (ISO-8601 instants).")
    public @NonNull AuditEntryConnection auditLog(
            @Name("filter") AuditLogFilterInput filter,
            @Name("first") @DefaultValue("50") int first,
            @Name("after") @Description("endCursor of the previous page") String after)
            throws InvalidInputException {
        Page<AuditLogEntry> page = audit.search(filter(filter), Cursors.auditEntry(after), first);
        List<AuditLogEntry> found = page.items();
        String end =
                found.isEmpty() ? null : Cursors.ofAuditEntry(AuditLogRepository.after(found.get(found.size() - 1)));
        return new AuditEntryConnection(
                found.stream().map(AuditLogApi::entry).toList(), new PageInfo(page.hasNextPage(), end));
    }

    static AuditLogFilter filter(AuditLogFilterInput input) throws InvalidInputException {
        if (input == null) {
            return AuditLogFilter.any();
        }
        return new AuditLogFilter(
                input.from() == null ? null : input.from().toInstant(),
                input.to() == null ? null : input.to().toInstant(),
                named("action", AuditAction.class, input.action()),
                named("outcome", AuditOutcome.class, input.outcome()),
                input.resourceId(),
                input.pseudonym());
    }

    private static <E extends Enum<E>> E named(String field, Class<E> type, String value) throws InvalidInputException {
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw new InvalidInputException(field + " must be one of " + Arrays.toString(type.getEnumConstants()));
    }

    static AuditEntry entry(AuditLogEntry e) {
        return new AuditEntry(
                e.getId().toString(),
                OffsetDateTime.ofInstant(e.getOccurredAt(), ZoneOffset.UTC),
                e.getActorPseudonym(),
                e.getActorRole(),
                e.getPurpose().name(),
                e.getAction().name(),
                e.getResourceType(),
                e.getResourceId(),
                e.getOutcome().name(),
                e.getSourceIp(),
                e.getDetails(),
                e.getPrevHash(),
                e.getHash());
    }
}
