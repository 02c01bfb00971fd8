package coop.cpc.lakehouse.application.security;

import static coop.cpc.lakehouse.application.security.Role.ADMIN;
import static coop.cpc.lakehouse.application.security.Role.ANALYST;
import static coop.cpc.lakehouse.application.security.Role.AUDITOR;
import static coop.cpc.lakehouse.application.security.Role.OPERATOR;
import static coop.cpc.lakehouse.application.security.Role.RESEARCHER;
import static coop.cpc.lakehouse.application.security.Role.VIEWER;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * THE table of who may run what: every GraphQL operation (query, mutation, or field with its own
 * resolver) and the roles allowed to run it. {@link OperationGate} enforces it on every call of a
 * GraphQL API method; an operation missing here is refused to everyone (a unit test in the web
 * module fails first). docs/security.md renders it.
 */
public enum OperationRoles {
    ASSETS("assets", Kind.QUERY, "List assets", VIEWER, ANALYST, RESEARCHER, OPERATOR, ADMIN),
    ASSET("asset", Kind.QUERY, "Read one asset", VIEWER, ANALYST, RESEARCHER, OPERATOR, ADMIN),
    SNAPSHOTS(
            "snapshots",
            Kind.FIELD,
            "Asset.snapshots: an asset's commits",
            VIEWER,
            ANALYST,
            RESEARCHER,
            OPERATOR,
            ADMIN),
    SEGMENTS(
            "segments",
            Kind.FIELD,
            "Asset.segments: an asset's segment files",
            VIEWER,
            ANALYST,
            RESEARCHER,
            OPERATOR,
            ADMIN),
    ROWS(
            "rows",
            Kind.FIELD,
            "Asset.rows: read data (narrowed by classification, see RowAccessPolicy)",
            ANALYST,
            RESEARCHER,
            ADMIN),
    CHANGES(
            "changes",
            Kind.QUERY,
            "An asset's change feed between two snapshots (rows, narrowed like Asset.rows)",
            ANALYST,
            RESEARCHER,
            ADMIN),
    LINEAGE("lineage", Kind.QUERY, "Read the lineage graph", VIEWER, ANALYST, RESEARCHER, OPERATOR, ADMIN),
    CREATE_ASSET("createAsset", Kind.MUTATION, "Create an asset", ADMIN),
    UPDATE_ASSET("updateAsset", Kind.MUTATION, "Change an asset (schema, classification, ...)", ADMIN),
    DELETE_ASSET("deleteAsset", Kind.MUTATION, "Delete an asset", ADMIN),
    APPEND_ROWS("appendRows", Kind.MUTATION, "Write rows into an asset", ADMIN),
    UPSERT_ROWS("upsertRows", Kind.MUTATION, "Insert or replace rows by primary key", ADMIN),
    DELETE_ROWS("deleteRows", Kind.MUTATION, "Delete rows by primary key", ADMIN),
    COMPACT_ASSET("compactAsset", Kind.MUTATION, "Start the compact-asset job for an asset", OPERATOR, ADMIN),
    EXPIRE_SNAPSHOTS(
            "expireSnapshots",
            Kind.MUTATION,
            "Expire an asset's old snapshots and delete their segment files",
            OPERATOR,
            ADMIN),
    INGESTION_JOBS(
            "ingestionJobs", Kind.QUERY, "List ingestion jobs (connection details for admins only)", OPERATOR, ADMIN),
    INGESTION_JOB(
            "ingestionJob", Kind.QUERY, "Read one ingestion job (connection details for admins only)", OPERATOR, ADMIN),
    JOB_EXECUTIONS("jobExecutions", Kind.QUERY, "List a job's runs", OPERATOR, ADMIN),
    JOB_EXECUTION("jobExecution", Kind.QUERY, "Read one run", OPERATOR, ADMIN),
    REJECTS(
            "rejects",
            Kind.FIELD,
            "JobExecution.rejects: a run's rejected records (data of the target asset: narrowed as for rows)",
            ANALYST,
            RESEARCHER,
            ADMIN),
    EXECUTIONS(
            "executions", Kind.QUERY, "List the runs of every job (filters by job, status, time, id)", OPERATOR, ADMIN),
    ABANDON_JOB_EXECUTION(
            "abandonJobExecution",
            Kind.MUTATION,
            "Abandon a stopped or failed run (never to be restarted)",
            OPERATOR,
            ADMIN),
    CREATE_INGESTION_JOB("createIngestionJob", Kind.MUTATION, "Create an ingestion job", OPERATOR, ADMIN),
    UPDATE_INGESTION_JOB("updateIngestionJob", Kind.MUTATION, "Change an ingestion job", OPERATOR, ADMIN),
    START_INGESTION_JOB("startIngestionJob", Kind.MUTATION, "Start a run", OPERATOR, ADMIN),
    STOP_JOB_EXECUTION("stopJobExecution", Kind.MUTATION, "Stop a run", OPERATOR, ADMIN),
    RESTART_JOB_EXECUTION("restartJobExecution", Kind.MUTATION, "Restart a run from its checkpoint", OPERATOR, ADMIN),
    DELETE_INGESTION_JOB(
            "deleteIngestionJob",
            Kind.MUTATION,
            "Delete an ingestion job, its schedule and its runs (not while one is going; its assets stay)",
            OPERATOR,
            ADMIN),
    CDC_STREAMS("cdcStreams", Kind.QUERY, "List CDC streams with state, position and lag", OPERATOR, ADMIN),
    CREATE_CDC_STREAM("createCdcStream", Kind.MUTATION, "Create and start a CDC stream (creates its assets)", ADMIN),
    UPDATE_CDC_STREAM("updateCdcStream", Kind.MUTATION, "Add tables to a CDC stream", ADMIN),
    START_CDC_STREAM("startCdcStream", Kind.MUTATION, "Start a CDC stream", OPERATOR, ADMIN),
    STOP_CDC_STREAM("stopCdcStream", Kind.MUTATION, "Stop a CDC stream (its slot stays)", OPERATOR, ADMIN),
    RESTART_CDC_STREAM("restartCdcStream", Kind.MUTATION, "Restart a CDC stream", OPERATOR, ADMIN),
    DELETE_CDC_STREAM(
            "deleteCdcStream",
            Kind.MUTATION,
            "Delete a CDC stream (its assets stay; dropSlot: its slot and publication too)",
            ADMIN),
    CREATE_FINANCE_INGESTION_JOB(
            "createFinanceIngestionJob",
            Kind.MUTATION,
            "Create the finance adapter's CDC stream of one table (namespace finance)",
            ADMIN),
    AUDIT_CHAIN("auditChain", Kind.QUERY, "Verify the audit trail's hash chain", AUDITOR, ADMIN),
    AUDIT_LOG("auditLog", Kind.QUERY, "Search the audit trail (and its NDJSON export)", AUDITOR),
    IMPORT_VITAL_SIGNS(
            "importVitalSigns", Kind.MUTATION, "Import vital signs into health.vital_signs", OPERATOR, ADMIN),
    IMPORT_PATIENTS(
            "importPatients", Kind.MUTATION, "Import patients' demographics into health.patients", OPERATOR, ADMIN),
    PUBLISH_RESEARCH_EXTRACT(
            "publishResearchExtract",
            Kind.MUTATION,
            "Publish a de-identified research extract of PHI assets (reads the sources)",
            ADMIN),
    IMPORT_INTERACTIONS(
            "importInteractions", Kind.MUTATION, "Import CRM interactions into crm.interactions", OPERATOR, ADMIN),
    CUSTOMER_JOURNEY(
            "customerJourney",
            Kind.QUERY,
            "One customer's interactions in order (rows narrowed as for rows)",
            ANALYST,
            ADMIN),
    CREATE_CUSTOMER_JOURNEY_ANALYTICS(
            "createCustomerJourneyAnalytics",
            Kind.MUTATION,
            "Journeys of an interactions asset into a derived asset (rows narrowed as for rows)",
            ANALYST,
            ADMIN),
    COHORT_ANALYSIS(
            "cohortAnalysis",
            Kind.MUTATION,
            "Cohort retention of an interactions asset into a derived asset (rows narrowed as for rows)",
            ANALYST,
            ADMIN);

    /** How the operation appears in the schema. */
    public enum Kind {
        QUERY,
        MUTATION,
        FIELD
    }

    private final String operation;
    private final Kind kind;
    private final String summary;
    private final Set<Role> roles;

    OperationRoles(String operation, Kind kind, String summary, Role first, Role... more) {
        this.operation = operation;
        this.kind = kind;
        this.summary = summary;
        this.roles = Collections.unmodifiableSet(EnumSet.of(first, more));
    }

    /** The GraphQL name: the query or mutation, or the field of a type ({@code rows} of Asset). */
    public String operation() {
        return operation;
    }

    public Kind kind() {
        return kind;
    }

    public String summary() {
        return summary;
    }

    public Set<Role> roles() {
        return roles;
    }

    public boolean allows(Role role) {
        return roles.contains(role);
    }

    public static Optional<OperationRoles> byOperation(String operation) {
        return Arrays.stream(values())
                .filter(o -> o.operation.equals(operation))
                .findFirst();
    }
}
