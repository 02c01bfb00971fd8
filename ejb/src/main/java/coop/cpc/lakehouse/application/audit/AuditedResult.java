package coop.cpc.lakehouse.application.audit;

import java.util.Map;

/**
 * A result that says what an audited call did, for its audit entry's details: names, ids and counts
 * (rows written, a source position), never values read or written.
 */
public interface AuditedResult {

    /** Details to add to the entry; each value a string, a number, or a list of them. */
    Map<String, Object> auditDetails();
}
