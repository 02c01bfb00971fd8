package coop.cpc.lakehouse.application.security;

import coop.cpc.lakehouse.catalog.asset.Classification;
import java.util.Collection;

/**
 * Which roles read the rows of an asset, by its classification and namespace: admins every asset;
 * analysts assets classified up to CONFIDENTIAL; researchers the assets of the {@value #RESEARCH_NAMESPACE}
 * namespace up to RESTRICTED (PHI only after anonymization into a derived asset). Nobody else reads rows.
 */
public final class RowAccessPolicy {
    public static final String RESEARCH_NAMESPACE = "research";

    private RowAccessPolicy() {}

    public static boolean allows(Role role, String namespace, Classification classification) {
        return switch (role) {
            case ADMIN -> true;
            case ANALYST -> classification.compareTo(Classification.CONFIDENTIAL) <= 0;
            case RESEARCHER ->
                RESEARCH_NAMESPACE.equals(namespace) && classification.compareTo(Classification.RESTRICTED) <= 0;
            case VIEWER, OPERATOR, AUDITOR -> false;
        };
    }

    public static boolean allows(Collection<Role> roles, String namespace, Classification classification) {
        return roles.stream().anyMatch(role -> allows(role, namespace, classification));
    }
}
