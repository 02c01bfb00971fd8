package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.catalog.audit.AuditAction;
import java.lang.reflect.Method;
import java.util.Map;
import org.eclipse.microprofile.graphql.Mutation;

/**
 * The action a GraphQL operation refused before its service ran is recorded with: the one its service's audit entry
 * has when it runs (its {@code @Audited} action), so that an auditor filtering the trail by action finds the refused
 * attempts beside the calls (a refused {@code stopJobExecution} is a MANAGE like a stop, not a WRITE). Queries and
 * fields read; every mutation is listed (a test fails for one that is not).
 */
final class RefusalActions {
    static final Map<String, AuditAction> MUTATIONS = Map.ofEntries(
            Map.entry("createAsset", AuditAction.WRITE),
            Map.entry("updateAsset", AuditAction.SCHEMA_CHANGE),
            Map.entry("deleteAsset", AuditAction.DELETE),
            Map.entry("appendRows", AuditAction.WRITE),
            Map.entry("upsertRows", AuditAction.WRITE),
            Map.entry("deleteRows", AuditAction.DELETE),
            Map.entry("compactAsset", AuditAction.MANAGE),
            Map.entry("expireSnapshots", AuditAction.MANAGE),
            Map.entry("abandonJobExecution", AuditAction.MANAGE),
            Map.entry("createIngestionJob", AuditAction.MANAGE),
            Map.entry("updateIngestionJob", AuditAction.MANAGE),
            Map.entry("startIngestionJob", AuditAction.MANAGE),
            Map.entry("stopJobExecution", AuditAction.MANAGE),
            Map.entry("restartJobExecution", AuditAction.MANAGE),
            Map.entry("deleteIngestionJob", AuditAction.DELETE),
            Map.entry("createCdcStream", AuditAction.MANAGE),
            Map.entry("updateCdcStream", AuditAction.MANAGE),
            Map.entry("startCdcStream", AuditAction.MANAGE),
            Map.entry("stopCdcStream", AuditAction.MANAGE),
            Map.entry("restartCdcStream", AuditAction.MANAGE),
            Map.entry("deleteCdcStream", AuditAction.MANAGE),
            Map.entry("createFinanceIngestionJob", AuditAction.MANAGE),
            Map.entry("importVitalSigns", AuditAction.WRITE),
            Map.entry("importPatients", AuditAction.WRITE),
            Map.entry("publishResearchExtract", AuditAction.WRITE),
            Map.entry("importInteractions", AuditAction.WRITE),
            Map.entry("createCustomerJourneyAnalytics", AuditAction.WRITE),
            Map.entry("cohortAnalysis", AuditAction.WRITE));

    private RefusalActions() {}

    /** READ for a query or field; a mutation's service action (WRITE for one not listed, DELETE if named delete…). */
    static AuditAction of(Method method) {
        if (!method.isAnnotationPresent(Mutation.class)) {
            return AuditAction.READ;
        }
        String operation = GraphQlOperations.nameOf(method);
        AuditAction listed = MUTATIONS.get(operation);
        if (listed != null) {
            return listed;
        }
        return operation != null && operation.startsWith("delete") ? AuditAction.DELETE : AuditAction.WRITE;
    }
}
