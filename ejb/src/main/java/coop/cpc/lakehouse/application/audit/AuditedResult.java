package coop.cpc.lakehouse.application.audit;

import java.util.List;
import java.util.Map;

/**
 * A result that says what an audited call did, for its audit entry's details: names, ids and counts
 * (rows written, a source position), never values read or written.
 */
public interface AuditedResult {

    /**
     * Details to add to the entry; each value a string, a number, or a list of them. A detail the entry already has
     * is not replaced, except a {@code resourceIds} list (the resources the call read and wrote): its ids are appended
     * after the arguments' ids (see {@link AuditedArgument}), those not already there, at most 100 in all.
     */
    Map<String, Object> auditDetails();

    /** The most column names an entry lists ({@link #columnNames}). */
    int MAX_COLUMN_NAMES = 100;

    /** The names of the columns a read returned, at most {@value #MAX_COLUMN_NAMES}: which fields were read, no value. */
    static List<String> columnNames(List<String> names) {
        return names.stream().limit(MAX_COLUMN_NAMES).toList();
    }

    /** The id of the resource the call wrote, the entry's resource id when no argument names one; null: none. */
    default String auditResourceId() {
        return null;
    }
}
