package coop.cpc.lakehouse.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.asset.RequestAssets;
import coop.cpc.lakehouse.application.audit.AuditEvent;
import coop.cpc.lakehouse.application.audit.AuditTrail;
import coop.cpc.lakehouse.application.audit.AuditedCaller;
import coop.cpc.lakehouse.application.audit.RequestAuditEntries;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A read-only request's answer leaves only once the audit entries of its reads are committed; a document the
 * filter cannot parse is refused there, audited once, and never reaches the engine.
 */
class GraphQlRequestFilterAuditTest {
    private static final String QUERY = "{\"query\":\"{ assets(first: 1) { nodes { id } } }\"}";
    private static final String MUTATION = "{\"query\":\"mutation { deleteAsset(id: \\\"x\\\") }\"}";

    @Test
    void theAnswerOfAReadOnlyRequestIsSentOnlyAfterItsHeldEntriesAreAppended() throws Exception {
        RecordingResponse client = new RecordingResponse();
        Trail trail = new Trail(client, false);
        GraphQlRequestFilter filter = filter(trail);

        filter.doFilter(post(QUERY), client.response(), (request, response) -> {
            response.getOutputStream().write("{\"data\":{}}".getBytes(StandardCharsets.UTF_8));
        });

        assertThat(trail.appendedWhileClientHad).containsExactly(0);
        assertThat(trail.appended).hasSize(1);
        assertThat(client.body.toString(StandardCharsets.UTF_8)).isEqualTo("{\"data\":{}}");
    }

    @Test
    void whenTheEntriesCannotBeAppendedTheDataIsWithheld() throws Exception {
        RecordingResponse client = new RecordingResponse();
        GraphQlRequestFilter filter = filter(new Trail(client, true));

        filter.doFilter(post(QUERY), client.response(), (request, response) -> {
            response.getOutputStream().write("{\"data\":{\"secret\":1}}".getBytes(StandardCharsets.UTF_8));
        });

        assertThat(client.status).isEqualTo(500);
        assertThat(client.body.toString(StandardCharsets.UTF_8))
                .doesNotContain("secret")
                .contains("internal-server-error");
    }

    @Test
    void aRequestThatChangesSomethingIsAnsweredAsItRuns() throws Exception {
        RecordingResponse client = new RecordingResponse();
        Trail trail = new Trail(client, false);
        GraphQlRequestFilter filter = filter(trail);

        filter.doFilter(
                post(MUTATION),
                client.response(),
                (request, response) ->
                        response.getOutputStream().write("{\"data\":{}}".getBytes(StandardCharsets.UTF_8)));

        assertThat(client.body.toString(StandardCharsets.UTF_8)).isEqualTo("{\"data\":{}}");
        assertThat(trail.appendedWhileClientHad).isEmpty();
    }

    @Test
    void aQueryOverTheTokenLimitIsRefusedBeforeTheEngineAndAuditedAsALimit() throws Exception {
        Sent sent = send(assetsWithTags(4985));

        assertThat(sent.reachedTheEngine).isFalse();
        assertThat(sent.trail.refusals).containsExactly("graphql READ limit-exceeded");
        assertThat(sent.client.status).isEqualTo(200);
        assertThat(sent.answer())
                .isEqualTo("{\"errors\":[{\"message\":\"query has more than 5000 tokens (names, values,"
                        + " punctuation) or more than 200000 spaces, commas and comments: send a smaller query\","
                        + "\"extensions\":{\"code\":\"invalid-input\",\"classification\":\"ValidationError\"}}]}");
    }

    @Test
    void aQueryThatDoesNotParseIsRefusedBeforeTheEngineAndAuditedOnce() throws Exception {
        Sent sent = send("{ assets {");

        assertThat(sent.reachedTheEngine).isFalse();
        assertThat(sent.trail.refusals).containsExactly("graphql READ invalid-query");
        assertThat(sent.answer())
                .contains("\"message\":\"query is not valid GraphQL: it ends too early at line 1, column 11\"")
                .contains("\"code\":\"invalid-input\"");
    }

    @Test
    void aQueryJustUnderTheTokenLimitRunsAndNoRefusalIsAudited() throws Exception {
        Sent sent = send(assetsWithTags(4984));

        assertThat(sent.reachedTheEngine).isTrue();
        assertThat(sent.trail.refusals).isEmpty();
    }

    /**
     * An assets query of 15 tokens around its list of tags, 1 per tag (commas are ignored like spaces) and 1 for
     * the document's end: 4,984 tags make 5,000 tokens, the most a query may have.
     */
    private static String assetsWithTags(int tags) {
        return "{ assets(tags: [" + "\\\"a\\\", ".repeat(tags) + "]) { nodes { id } } }";
    }

    /** What the client got, and whether the engine was reached, for a POST of {@code query}. */
    private static final class Sent {
        final RecordingResponse client = new RecordingResponse();
        final Trail trail = new Trail(client, false);
        boolean reachedTheEngine;

        String answer() {
            return client.body.toString(StandardCharsets.UTF_8);
        }
    }

    /** @param query a query whose quotes are already escaped for JSON */
    private static Sent send(String query) throws Exception {
        Sent sent = new Sent();
        filter(sent.trail)
                .doFilter(post("{\"query\":\"" + query + "\"}"), sent.client.response(), (request, response) -> {
                    sent.reachedTheEngine = true;
                });
        return sent;
    }

    private static GraphQlRequestFilter filter(AuditTrail trail) {
        GraphQlRequestFilter filter = new GraphQlRequestFilter();
        filter.settings = LakehouseSettings.from(name -> Optional.empty());
        filter.trail = trail;
        filter.requestAssets = new RequestAssets();
        filter.auditEntries = new HeldEntries();
        return filter;
    }

    /** The request's entries: one audited read held once the filter asked for holding. */
    static final class HeldEntries extends RequestAuditEntries {
        private boolean asked;

        @Override
        public synchronized void holdUntilAnswered() {
            asked = true;
            super.holdUntilAnswered();
        }

        @Override
        public synchronized List<AuditEvent> release() {
            List<AuditEvent> released = new ArrayList<>(super.release());
            if (asked) {
                released.add(new AuditEvent(
                        new AuditedCaller("alice", Set.of("analyst")),
                        AuditPurpose.DATA_SYNC,
                        true,
                        AuditAction.READ,
                        "asset",
                        null,
                        AuditOutcome.SUCCESS,
                        "127.0.0.1",
                        "{}"));
            }
            return released;
        }
    }

    /** The audit trail: what it appended, and how much of the answer the client had at that moment. */
    static final class Trail extends AuditTrail {
        final RecordingResponse client;
        final boolean fails;
        final List<AuditEvent> appended = new ArrayList<>();
        final List<Integer> appendedWhileClientHad = new ArrayList<>();
        final List<String> refusals = new ArrayList<>();

        Trail(RecordingResponse client, boolean fails) {
            this.client = client;
            this.fails = fails;
        }

        @Override
        public void refused(String operation, AuditAction action, String reasonCode) {
            refusals.add(operation + " " + action + " " + reasonCode);
        }

        @Override
        public void recordAll(List<AuditEvent> events) {
            if (events.isEmpty()) {
                return;
            }
            appendedWhileClientHad.add(client.body.size());
            if (fails) {
                throw new IllegalStateException("Cannot append to the audit trail");
            }
            appended.addAll(events);
        }
    }

    /** A GraphQL POST of {@code json}; its body is served by the filter's own {@link CachedBodyRequest}. */
    private static HttpServletRequest post(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getMethod" -> "POST";
                    case "getContentType" -> "application/json";
                    case "getContentLengthLong" -> (long) bytes.length;
                    case "getContentLength" -> bytes.length;
                    case "getServletPath" -> "/graphql";
                    default -> null;
                });
        return new CachedBodyRequest(request, bytes);
    }
}
