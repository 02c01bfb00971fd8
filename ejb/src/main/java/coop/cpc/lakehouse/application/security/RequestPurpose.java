package coop.cpc.lakehouse.application.security;

import coop.cpc.lakehouse.catalog.audit.AuditPurpose;

/**
 * The purpose the current request declared, as the operation gate reads it. The audit package's
 * request context provides it, so that security does not depend on audit (audit uses the roles).
 */
public interface RequestPurpose {

    AuditPurpose purpose();
}
