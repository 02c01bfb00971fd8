package coop.cpc.lakehouse.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.application.job.ExecutionPage;
import coop.cpc.lakehouse.application.table.RowPage;
import coop.cpc.lakehouse.application.testing.RequestScopedBean;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A read's entry says how much it returned: the docs promised "argument and result counts", but only a result that
 * is a collection was counted, so a page of rows (of a PHI asset too), a page of assets or jobs, or of the audit trail
 * itself recorded no count at all, nor which columns or snapshot a rows read returned.
 */
class AuditedReadCountsTest {

    @Test
    void aRowsReadRecordsHowManyRowsOfWhichColumnsAtWhichSnapshotAndNoValue() throws Exception {
        HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog();
        UUID snapshot = UUID.randomUUID();
        RowPage page = new RowPage(
                List.of(
                        new Column("user_id", ColumnType.of(ColumnType.Kind.STRING), false),
                        new Column("diagnosis", ColumnType.of(ColumnType.Kind.STRING), true)),
                List.of(new Object[] {"P-1", "secret-diagnosis"}, new Object[] {"P-2", "other-diagnosis"}),
                snapshot,
                null,
                64);

        interceptor(log).audit(call(page));

        String details = log.entries.get(0).getDetails();
        assertThat(details)
                .contains("\"resultCount\":2")
                .contains("\"columns\":[\"user_id\",\"diagnosis\"]")
                .contains("\"snapshotId\":\"" + snapshot + "\"")
                .doesNotContain("P-1")
                .doesNotContain("secret-diagnosis");
    }

    @Test
    void aPageOfAListRecordsHowManyItHeld() throws Exception {
        HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog();

        interceptor(log).audit(call(new Page<>(List.of("a", "b", "c"), true)));

        assertThat(log.entries.get(0).getDetails()).contains("\"resultCount\":3");
    }

    /** A search over runs (executions) returns an ExecutionPage, neither a Collection nor a Page: it was not counted. */
    @Test
    void aPageOfRunsRecordsHowManyItHeld() throws Exception {
        HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog();

        interceptor(log).audit(call(new ExecutionPage(List.of(), true, 7L)));

        assertThat(log.entries.get(0).getDetails()).contains("\"resultCount\":0");
    }

    /** Snapshots or segments read for several assets at once come as a map of lists: the lists' items are counted. */
    @Test
    void aMapOfListsRecordsHowManyItemsItsListsHeld() throws Exception {
        HeldEntriesCallOrderTest.RecordingLog log = new HeldEntriesCallOrderTest.RecordingLog();

        interceptor(log).audit(call(Map.of("a", List.of(1, 2), "b", List.of(3))));

        assertThat(log.entries.get(0).getDetails()).contains("\"resultCount\":3");
    }

    private static AuditInterceptor interceptor(HeldEntriesCallOrderTest.RecordingLog log) {
        RequestAuditEntries request = new RequestAuditEntries();
        AuditInterceptor interceptor = new AuditInterceptor();
        interceptor.trail = HeldEntriesCallOrderTest.trail(log, request);
        interceptor.callers = interceptor.trail.callers;
        interceptor.context = RequestScopedBean.noRequest();
        interceptor.heldEntries = new RequestScopedBean<>(request);
        return interceptor;
    }

    /** An audited read of one asset. */
    public static class Reads {
        @Audited(action = AuditAction.READ, resource = "table")
        public Object rows(UUID asset) {
            return null;
        }
    }

    private static InvocationContext call(Object result) throws NoSuchMethodException {
        Method rows = Reads.class.getMethod("rows", UUID.class);
        UUID asset = UUID.randomUUID();
        return (InvocationContext) Proxy.newProxyInstance(
                InvocationContext.class.getClassLoader(),
                new Class<?>[] {InvocationContext.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getTarget" -> new Reads();
                    case "getMethod" -> rows;
                    case "getParameters" -> new Object[] {asset};
                    case "getContextData" -> Map.of();
                    case "proceed" -> result;
                    default -> null;
                });
    }
}
