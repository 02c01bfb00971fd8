package coop.cpc.lakehouse.application.audit.internal;

import coop.cpc.lakehouse.application.CatalogInstants;
import coop.cpc.lakehouse.application.FreeText;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.audit.AuditChainVerifier;
import coop.cpc.lakehouse.application.audit.AuditExport;
import coop.cpc.lakehouse.application.audit.AuditService;
import coop.cpc.lakehouse.application.audit.AuditVerification;
import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import coop.cpc.lakehouse.catalog.audit.AuditLogRepository;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Consumer;

/** The audit trail as an auditor reads it, and its chain check. */
@Stateless
public class DefaultAuditService implements AuditService {
    /** Entries read per query while exporting. */
    static final int EXPORT_BATCH = 1000;
    /** The longest resourceId or pseudonym a filter takes, far above what is stored (UUIDs, 32 hex digits). */
    static final int MAX_FILTER_TEXT = 256;

    @Inject
    AuditLogRepository log;

    @Inject
    LakehouseSettings settings;

    @Override
    @RolesAllowed("auditor")
    @Audited(action = AuditAction.READ, resource = "audit_log")
    public Page<AuditLogEntry> search(AuditLogFilter filter, TimeOrderCursor after, int first)
            throws InvalidInputException {
        requireValidFilter(filter);
        if (after != null) {
            CatalogInstants.requireStorable("after", after.at());
        }
        return Page.of(log.search(filter, after, Page.fetchSize(first, settings)), first);
    }

    /** Reads {@value #EXPORT_BATCH} entries at a time. */
    @Override
    @RolesAllowed("auditor")
    @Audited(action = AuditAction.READ, resource = "audit_log")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AuditExport export(AuditLogFilter filter, Consumer<AuditLogEntry> sink) throws InvalidInputException {
        requireValidFilter(filter);
        long exported = 0;
        TimeOrderCursor after = null;
        while (true) {
            List<AuditLogEntry> batch = log.search(filter, after, EXPORT_BATCH);
            batch.forEach(sink);
            exported += batch.size();
            if (batch.size() < EXPORT_BATCH) {
                return new AuditExport(exported, filter.from(), filter.to());
            }
            after = AuditLogRepository.after(batch.get(batch.size() - 1));
        }
    }

    /**
     * Read in batches outside a transaction: one transaction would keep every entry of the trail
     * managed. Who may ask is the API's operation gate's concern (PermitAll: WildFly denies a
     * method without roles on a bean whose other methods have some).
     */
    @Override
    @PermitAll
    @Audited(action = AuditAction.READ, resource = "audit_log")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AuditVerification verify(String publishedHead) {
        return AuditChainVerifier.verify(log, publishedHead);
    }

    private static void requireValidFilter(AuditLogFilter filter) throws InvalidInputException {
        requireFilterText("filter.resourceId", filter.resourceId());
        requireFilterText("filter.pseudonym", filter.pseudonym());
        CatalogInstants.requireStorable("from", filter.from());
        CatalogInstants.requireStorable("to", filter.to());
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            throw new InvalidInputException("from must be before to");
        }
    }

    /** Text the catalog can compare (no NUL, no lone surrogate), no longer than any resource id or pseudonym stored. */
    private static void requireFilterText(String field, String value) throws InvalidInputException {
        FreeText.require(field, value);
        if (value != null && value.length() > MAX_FILTER_TEXT) {
            throw new InvalidInputException(
                    field + " must be at most " + MAX_FILTER_TEXT + " characters, not " + value.length());
        }
    }
}
