package coop.cpc.lakehouse.application.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles of the lakehouse. A caller's roles are the {@code groups} claim of its MicroProfile
 * JWT, spelled as {@link #roleName()} (lower case).
 */
public enum Role {
    /** The catalog (assets, snapshots, segments) and lineage; no rows. */
    VIEWER,
    /** Rows of assets classified up to CONFIDENTIAL, and the catalog. */
    ANALYST,
    /** Rows of the {@code research} namespace's assets only, and the catalog. */
    RESEARCHER,
    /** Ingestion jobs and their runs (and, when built, CDC streams and compaction), and the catalog. */
    OPERATOR,
    /** Assets and everything else. */
    ADMIN,
    /** The audit trail only. */
    AUDITOR;

    /** The name in the JWT {@code groups} claim and in {@code @RolesAllowed}: {@code viewer}, {@code admin}, ... */
    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> byRoleName(String roleName) {
        for (Role role : values()) {
            if (role.roleName().equals(roleName)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
