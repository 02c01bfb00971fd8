package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.adapter.CrmAdapterService;
import coop.cpc.lakehouse.application.adapter.HealthAdapterService;
import coop.cpc.lakehouse.application.asset.internal.DefaultAssetService;
import coop.cpc.lakehouse.application.audit.AuditContext;
import coop.cpc.lakehouse.application.audit.AuditTrail;
import coop.cpc.lakehouse.application.audit.Audited;
import coop.cpc.lakehouse.application.audit.internal.DefaultAuditService;
import coop.cpc.lakehouse.application.cdc.CdcStreamService;
import coop.cpc.lakehouse.application.job.internal.DefaultIngestionJobService;
import coop.cpc.lakehouse.application.job.internal.DefaultJobRejects;
import coop.cpc.lakehouse.application.lineage.internal.DefaultLineageService;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import coop.cpc.lakehouse.application.security.OperationRoles;
import coop.cpc.lakehouse.application.table.internal.DefaultTableService;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A GraphQL operation refused before its service ran (a role the gate refused, a bad id) is recorded with the action
 * and resource type its service records when it runs. Before, every refused mutation was a WRITE (DELETE when named
 * delete…) of resource type {@code api}: a refused stopJobExecution or createCdcStream did not show under MANAGE, a
 * refused updateAsset not under SCHEMA_CHANGE, and no refusal under its resource's type.
 */
class RefusalTargetsTest {
    /** The service method each operation calls, whose {@code @Audited} action and resource its refusal must have. */
    private static final Map<String, Method> SERVICE_METHOD_OF = Map.ofEntries(
            Map.entry("assets", method(DefaultAssetService.class, "list")),
            Map.entry("asset", method(DefaultAssetService.class, "get")),
            Map.entry("snapshots", method(DefaultAssetService.class, "snapshots")),
            Map.entry("segments", method(DefaultAssetService.class, "segments")),
            Map.entry("rows", method(DefaultTableService.class, "rows")),
            Map.entry("changes", method(DefaultTableService.class, "changes")),
            Map.entry("lineage", method(DefaultLineageService.class, "lineage")),
            Map.entry("ingestionJobs", method(DefaultIngestionJobService.class, "list")),
            Map.entry("ingestionJob", method(DefaultIngestionJobService.class, "get")),
            Map.entry("jobExecutions", method(DefaultIngestionJobService.class, "executions")),
            Map.entry("jobExecution", method(DefaultIngestionJobService.class, "execution")),
            Map.entry("rejects", method(DefaultJobRejects.class, "read")),
            Map.entry("executions", method(DefaultIngestionJobService.class, "searchExecutions")),
            Map.entry("cdcStreams", method(CdcStreamService.class, "page")),
            Map.entry("auditChain", method(DefaultAuditService.class, "verify")),
            Map.entry("auditLog", method(DefaultAuditService.class, "search")),
            Map.entry("customerJourney", method(CrmAdapterService.class, "customerJourney")),
            Map.entry("createAsset", method(DefaultAssetService.class, "create")),
            Map.entry("updateAsset", method(DefaultAssetService.class, "update")),
            Map.entry("deleteAsset", method(DefaultAssetService.class, "delete")),
            Map.entry("appendRows", method(DefaultTableService.class, "appendText")),
            Map.entry("upsertRows", method(DefaultTableService.class, "upsertText")),
            Map.entry("deleteRows", method(DefaultTableService.class, "deleteText")),
            Map.entry("compactAsset", method(DefaultTableService.class, "startCompaction")),
            Map.entry("expireSnapshots", method(DefaultTableService.class, "expireSnapshots")),
            Map.entry("abandonJobExecution", method(DefaultIngestionJobService.class, "abandon")),
            Map.entry("createIngestionJob", method(DefaultIngestionJobService.class, "create")),
            Map.entry("updateIngestionJob", method(DefaultIngestionJobService.class, "update")),
            Map.entry("startIngestionJob", method(DefaultIngestionJobService.class, "start")),
            Map.entry("stopJobExecution", method(DefaultIngestionJobService.class, "stop")),
            Map.entry("restartJobExecution", method(DefaultIngestionJobService.class, "restart")),
            Map.entry("deleteIngestionJob", method(DefaultIngestionJobService.class, "delete")),
            Map.entry("createCdcStream", method(CdcStreamService.class, "create")),
            Map.entry("updateCdcStream", method(CdcStreamService.class, "update")),
            Map.entry("startCdcStream", method(CdcStreamService.class, "start")),
            Map.entry("stopCdcStream", method(CdcStreamService.class, "stop")),
            Map.entry("restartCdcStream", method(CdcStreamService.class, "restart")),
            Map.entry("deleteCdcStream", method(CdcStreamService.class, "delete")),
            Map.entry("createFinanceIngestionJob", method(CdcStreamService.class, "createFinanceIngestionJob")),
            Map.entry("importVitalSigns", method(HealthAdapterService.class, "importVitalSigns")),
            Map.entry("importPatients", method(HealthAdapterService.class, "importPatients")),
            Map.entry("publishResearchExtract", method(HealthAdapterService.class, "publishResearchExtract")),
            Map.entry("importInteractions", method(CrmAdapterService.class, "importInteractions")),
            Map.entry(
                    "createCustomerJourneyAnalytics",
                    method(CrmAdapterService.class, "createCustomerJourneyAnalytics")),
            Map.entry("cohortAnalysis", method(CrmAdapterService.class, "cohortAnalysis")));

    @Test
    void aRefusedOperationIsRecordedWithTheActionAndResourceTypeItsServiceRecords() {
        for (OperationRoles operation : OperationRoles.values()) {
            Method service = SERVICE_METHOD_OF.get(operation.operation());
            assertThat(service)
                    .as("the service method of " + operation.operation())
                    .isNotNull();
            Audited audited = service.getAnnotation(Audited.class);

            assertThat(RefusalTargets.OPERATIONS.get(operation.operation()))
                    .as(operation.operation())
                    .isEqualTo(new RefusalTargets.Target(audited.action(), audited.resource()));
        }
    }

    @Test
    void theApiMethodsFindTheirOperationsTarget() throws Exception {
        assertThat(RefusalTargets.of(IngestionJobApi.class.getMethod("stopJobExecution", String.class)))
                .isEqualTo(new RefusalTargets.Target(AuditAction.MANAGE, "job_execution"));
        assertThat(RefusalTargets.of(IngestionJobApi.class.getMethod("jobExecution", String.class)))
                .isEqualTo(new RefusalTargets.Target(AuditAction.READ, "job_execution"));
    }

    /** The gate refused a viewer's stopJobExecution: the entry is a MANAGE naming the run, as the stop's would be. */
    @Test
    void aRefusedStopOfARunIsAManageNamingTheRun() throws Exception {
        List<String> refusals = new ArrayList<>();
        InternalErrorInterceptor interceptor = new InternalErrorInterceptor();
        interceptor.trail = new AuditTrail() {
            @Override
            public void refused(
                    String operation, AuditAction action, String resourceType, String reasonCode, String resourceId) {
                refusals.add(operation + " " + action + " " + resourceType + " " + reasonCode + " " + resourceId);
            }
        };
        @SuppressWarnings("unchecked")
        Instance<AuditContext> outsideARequest = (Instance<AuditContext>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Instance.class}, (proxy, m, args) -> {
                    throw new ContextNotActiveException("no request");
                });
        interceptor.context = outsideARequest;
        Method stop = IngestionJobApi.class.getMethod("stopJobExecution", String.class);
        InvocationContext refused = (InvocationContext) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {InvocationContext.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> stop;
                    case "getParameters" -> new Object[] {"42"};
                    case "proceed" -> throw new ForbiddenException();
                    default -> throw new UnsupportedOperationException(m.getName());
                });

        assertThatThrownBy(() -> interceptor.hideInternalErrors(refused)).isInstanceOf(ForbiddenException.class);

        assertThat(refusals).containsExactly("IngestionJobApi.stopJobExecution MANAGE job_execution forbidden 42");
    }

    private static Method method(Class<?> service, String name) {
        return Arrays.stream(service.getMethods())
                .filter(m -> m.getName().equals(name) && m.isAnnotationPresent(Audited.class))
                .findFirst()
                .orElseThrow(() -> new AssertionError(service.getSimpleName() + "." + name + " is not audited"));
    }
}
