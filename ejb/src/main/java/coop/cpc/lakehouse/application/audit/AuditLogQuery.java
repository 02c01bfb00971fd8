package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditLogCursor;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import coop.cpc.lakehouse.catalog.audit.AuditLogRepository;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Consumer;

/** The audit trail as an auditor reads it: filtered pages, and a streamed export for a SIEM. Itself audited. */
@Stateless
public class AuditLogQuery {
    /** Entries read per query while exporting. */
    static final int EXPORT_BATCH = 1000;

    @Inject
    AuditLogRepository log;

    @Inject
    LakehouseSettings settings;

    @RolesAllowed("auditor")
    @Audited(action = AuditAction.READ, resource = "audit_log")
    public Page<AuditLogEntry> search(AuditLogFilter filter, AuditLogCursor after, int first) throws InvalidInputException {
        requireOrderedRange(filter);
        return Page.of(log.search(filter, after, Page.fetchSize(first, settings)), first);
    }

    /**
     * Hands every entry of the filter to the sink, oldest first, reading {@value #EXPORT_BATCH} at a
     * time without one long transaction; returns how many.
     */
    @RolesAllowed("auditor")
    @Audited(action = AuditAction.READ, resource = "audit_log")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long export(AuditLogFilter filter, Consumer<AuditLogEntry> sink) throws InvalidInputException {
        requireOrderedRange(filter);
        long exported = 0;
        AuditLogCursor after = null;
        while (true) {
            List<AuditLogEntry> batch = log.search(filter, after, EXPORT_BATCH);
            batch.forEach(sink);
            exported += batch.size();
            if (batch.size() < EXPORT_BATCH) {
                return exported;
            }
            after = AuditLogCursor.after(batch.get(batch.size() - 1));
        }
    }

    private static void requireOrderedRange(AuditLogFilter filter) throws InvalidInputException {
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            throw new InvalidInputException("from must be before to");
        }
    }
}
