package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.catalog.TimeOrderCursor;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import jakarta.ejb.Local;
import java.util.function.Consumer;

/** The audit trail as it is read: by auditors (pages, a streamed export for a SIEM) and by its chain check. Itself audited. */
@Local
public interface AuditService {

    /** A page of entries matching the filter; auditors only. */
    Page<AuditLogEntry> search(AuditLogFilter filter, TimeOrderCursor after, int first) throws InvalidInputException;

    /**
     * Hands every entry of the filter to the sink, oldest first, in batches without one long
     * transaction; auditors only.
     *
     * @return how many entries were exported, of which period (the audit entry of the export records both)
     */
    AuditExport export(AuditLogFilter filter, Consumer<AuditLogEntry> sink) throws InvalidInputException;

    /**
     * Walks the whole chain: how many entries were checked, how many do not verify (hash, link, a field holding
     * U+001F) and the first {@value AuditVerification#LISTED_BROKEN_ENTRIES} of them; with a chain head published
     * earlier (null: none), also whether it is still in the chain (not intact, {@code publishedHeadMissing}, if not).
     */
    AuditVerification verify(String publishedHead);
}
