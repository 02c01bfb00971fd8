package coop.cpc.lakehouse.application.audit;

import java.util.List;
import java.util.UUID;

/**
 * An argument that names the resources an audited call reads or writes (a request record), so that the call's entry
 * lists them in {@code resourceIds} whatever its outcome, a refused or failed call included.
 */
public interface AuditedArgument {

    /** The ids of the resources the call is about; empty when none, never null. */
    List<UUID> auditIds();
}
