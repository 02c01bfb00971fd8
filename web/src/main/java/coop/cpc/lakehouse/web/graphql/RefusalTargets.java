package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.catalog.audit.AuditAction;
import java.lang.reflect.Method;
import java.util.Map;
import org.eclipse.microprofile.graphql.Mutation;

/**
 * What a GraphQL operation refused before its service ran (a role the gate refused, a bad id) is recorded as: the
 * action and resource type its service's audit entry has when it runs ({@code @Audited}), so that an auditor filtering
 * the trail by action or resource type finds the refused attempts beside the calls (a refused {@code
 * stopJobExecution} is a MANAGE of a {@code job_execution}, not a WRITE of {@code api}). Every operation is listed (a
 * test fails for one that is not, or that differs from its service).
 */
final class RefusalTargets {
    /** The action and resource type of an operation's audit entry. */
    record Target(AuditAction action, String resourceType) {}

    static final Map<String, Target> OPERATIONS = Map.ofEntries(
            read("assets", "asset"),
            read("asset", "asset"),
            read("snapshots", "asset_snapshot"),
            read("segments", "segment"),
            read("rows", "table"),
            read("changes", "table"),
            read("lineage", "lineage"),
            entry("createAsset", AuditAction.WRITE, "asset"),
            entry("updateAsset", AuditAction.SCHEMA_CHANGE, "asset"),
            entry("deleteAsset", AuditAction.DELETE, "asset"),
            entry("appendRows", AuditAction.WRITE, "table"),
            entry("upsertRows", AuditAction.WRITE, "table"),
            entry("deleteRows", AuditAction.DELETE, "table"),
            entry("compactAsset", AuditAction.MANAGE, "table"),
            entry("expireSnapshots", AuditAction.MANAGE, "table"),
            read("ingestionJobs", "ingestion_job"),
            read("ingestionJob", "ingestion_job"),
            read("jobExecutions", "job_execution"),
            read("jobExecution", "job_execution"),
            read("rejects", "job_rejects"),
            read("executions", "job_execution"),
            entry("abandonJobExecution", AuditAction.MANAGE, "job_execution"),
            entry("createIngestionJob", AuditAction.MANAGE, "ingestion_job"),
            entry("updateIngestionJob", AuditAction.MANAGE, "ingestion_job"),
            entry("startIngestionJob", AuditAction.MANAGE, "ingestion_job"),
            entry("stopJobExecution", AuditAction.MANAGE, "job_execution"),
            entry("restartJobExecution", AuditAction.MANAGE, "job_execution"),
            entry("deleteIngestionJob", AuditAction.DELETE, "ingestion_job"),
            read("cdcStreams", "cdc_stream"),
            entry("createCdcStream", AuditAction.MANAGE, "cdc_stream"),
            entry("updateCdcStream", AuditAction.MANAGE, "cdc_stream"),
            entry("startCdcStream", AuditAction.MANAGE, "cdc_stream"),
            entry("stopCdcStream", AuditAction.MANAGE, "cdc_stream"),
            entry("restartCdcStream", AuditAction.MANAGE, "cdc_stream"),
            entry("deleteCdcStream", AuditAction.MANAGE, "cdc_stream"),
            entry("createFinanceIngestionJob", AuditAction.MANAGE, "cdc_stream"),
            read("auditChain", "audit_log"),
            read("auditLog", "audit_log"),
            entry("importVitalSigns", AuditAction.WRITE, "health_vital_signs"),
            entry("importPatients", AuditAction.WRITE, "health_patients"),
            entry("publishResearchExtract", AuditAction.WRITE, "research_extract"),
            entry("importInteractions", AuditAction.WRITE, "crm_interactions"),
            read("customerJourney", "crm_journey"),
            entry("createCustomerJourneyAnalytics", AuditAction.WRITE, "crm_journey_analytics"),
            entry("cohortAnalysis", AuditAction.WRITE, "crm_cohort_analysis"));

    private RefusalTargets() {}

    /** The listed target of the method's operation; else READ of {@code api}, or WRITE (DELETE if named delete…). */
    static Target of(Method method) {
        String operation = GraphQlOperations.nameOf(method);
        Target listed = operation == null ? null : OPERATIONS.get(operation);
        if (listed != null) {
            return listed;
        }
        if (!method.isAnnotationPresent(Mutation.class)) {
            return new Target(AuditAction.READ, "api");
        }
        return new Target(
                operation != null && operation.startsWith("delete") ? AuditAction.DELETE : AuditAction.WRITE, "api");
    }

    private static Map.Entry<String, Target> read(String operation, String resourceType) {
        return entry(operation, AuditAction.READ, resourceType);
    }

    private static Map.Entry<String, Target> entry(String operation, AuditAction action, String resourceType) {
        return Map.entry(operation, new Target(action, resourceType));
    }
}
