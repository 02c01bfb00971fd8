package coop.cpc.lakehouse.web.http;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.RequestAssets;
import coop.cpc.lakehouse.application.audit.AuditTrail;
import coop.cpc.lakehouse.application.audit.RefusedRequests;
import coop.cpc.lakehouse.application.audit.RequestAuditEntries;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * In front of the GraphQL servlet (mapped in web.xml, after the audit context filter): lets through
 * only POSTs of one JSON GraphQL request in UTF-8 of bounded size, and answers everything else with
 * a GraphQL-shaped error and its HTTP status (405, 413, 415, 400), audited; a query that does not parse or
 * has more than {@value #MAX_TOKENS} tokens is refused here too, as the engine refuses a query that does not
 * validate. Only
 * {@code application/json} is accepted, so a cross-site form or "simple request" cannot reach the
 * API; GET is refused too (queries travel in POST bodies only), except the schema document and a
 * WebSocket upgrade. Anything that still escapes the servlet becomes a 500 with an incident id,
 * never a stack trace.
 */
public class GraphQlRequestFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(GraphQlRequestFilter.class.getName());
    static final String INVALID_INPUT = "invalid-input";
    /**
     * The most tokens a query may have. Enforced here only: SmallRye's {@code smallrye.graphql.parser.maxTokens}
     * sets graphql-java's default parser options, but graphql-java parses queries with its operation parser
     * options (limit 15,000), so that key has no effect on queries.
     */
    static final int MAX_TOKENS = 5000;

    @Inject
    LakehouseSettings settings;

    @EJB
    RefusedRequests refusals;

    @EJB
    AuditTrail trail;

    @Inject
    RequestAssets requestAssets;

    @Inject
    RequestAuditEntries auditEntries;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (passesThrough(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            refuse(response, new GraphQlRequestCheck.Refusal(405, "GraphQL requests are POSTs of application/json"));
            return;
        }
        GraphQlRequestCheck.Refusal refusal = GraphQlRequestCheck.contentType(request.getContentType());
        if (refusal != null) {
            refuse(response, refusal);
            return;
        }
        int max = settings.graphqlMaxRequestBytes();
        byte[] body;
        try {
            body = request.getContentLengthLong() > max ? null : readAtMost(request.getInputStream(), max);
        } catch (IOException e) {
            // Undertow's own max-post-size, or a client that went away.
            body = null;
        }
        if (body == null) {
            refuse(response, new GraphQlRequestCheck.Refusal(413, "the request body exceeds " + max + " bytes"));
            return;
        }
        GraphQlRequestCheck.Checked checked = GraphQlRequestCheck.check(body);
        if (checked.refusal() != null) {
            refuse(response, checked.refusal());
            return;
        }
        GraphQlRequestCheck.Parsed parsed = GraphQlRequestCheck.parse(checked.query(), MAX_TOKENS);
        if (!parsed.parses()) {
            refuse(response, parsed.refusal());
            return;
        }
        HeldResponse held = null;
        if (parsed.queriesOnly()) {
            // Nothing in it commits: its reads may share what an earlier field of it read (RequestAssets),
            // and their audit entries are appended together before the first byte of the answer is sent.
            requestAssets.markReadOnly();
            auditEntries.holdUntilAnswered();
            held = new HeldResponse(response, () -> {
                trail.recordAll(auditEntries.release());
                auditEntries.requireAllAppended();
            });
        }
        boolean errorSent = false;
        try {
            chain.doFilter(new CachedBodyRequest(request, body), held == null ? response : held);
        } catch (IOException | ServletException | RuntimeException e) {
            if (held == null || !held.withheld()) {
                String incident = UUID.randomUUID().toString().substring(0, 8);
                LOG.log(Level.SEVERE, e, () -> "GraphQL request failed; incident " + incident);
                errorSent = serverError(response, incident);
            }
        } finally {
            if (held != null) {
                // Whatever happened, the reads that ran are recorded; an answer only once they are.
                held.complete();
                if (held.withheld()) {
                    String incident = UUID.randomUUID().toString().substring(0, 8);
                    LOG.log(
                            Level.SEVERE,
                            held.appendFailure(),
                            () -> "Could not append the request's audit entries; the answer is withheld; incident "
                                    + incident);
                    if (!errorSent) {
                        serverError(response, incident);
                    }
                }
            }
        }
    }

    /** @return whether the error was sent (not when part of an answer went out already) */
    private static boolean serverError(HttpServletResponse response, String incident) throws IOException {
        if (response.isCommitted()) {
            return false;
        }
        GraphQlErrorResponse.write(
                response,
                500,
                "Server error (incident " + incident + "): the request could not be completed",
                "internal-server-error");
        return true;
    }

    /**
     * The schema document is not a GraphQL-over-HTTP request; it is served only while introspection is
     * on. WebSocket upgrades are refused like any GET: the schema has no subscriptions, and GraphQL over
     * a WebSocket would skip these checks.
     */
    private boolean passesThrough(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return "GET".equals(request.getMethod())
                && path.equals("/graphql/schema.graphql")
                && settings.graphqlIntrospection();
    }

    private void refuse(HttpServletResponse response, GraphQlRequestCheck.Refusal refusal) throws IOException {
        try {
            refusals.refuse(refusal.message());
        } catch (InvalidInputException expected) {
            // The audit trail has recorded the refusal.
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot audit a refused GraphQL request", e);
        }
        GraphQlErrorResponse.write(response, refusal.status(), refusal.message(), INVALID_INPUT);
    }

    /**
     * A document that does not parse, or is over a parser limit, is refused here: the engine would answer it
     * without any event a listener could see and without an error code. The answer is the engine's for a query
     * that does not validate (HTTP 200, as GraphQL over HTTP has it for a well-formed request).
     */
    private void refuse(HttpServletResponse response, GraphQlRequestCheck.Unparsed refusal) throws IOException {
        try {
            trail.refused("graphql", AuditAction.READ, refusal.auditCode());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot audit a refused GraphQL query", e);
        }
        GraphQlErrorResponse.write(
                response, 200, GraphQlErrorResponse.body(refusal.message(), refusal.line(), refusal.column()));
    }

    /** @return the body, or null when it is longer than {@code max} bytes (reading stops there) */
    static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 64 * 1024));
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
