package coop.cpc.lakehouse.web.audit;

import coop.cpc.lakehouse.application.audit.AuditContext;
import coop.cpc.lakehouse.application.audit.AuditTrail;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import coop.cpc.lakehouse.web.http.GraphQlErrorResponse;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;

/**
 * Puts the purpose of a GraphQL or audit-export request (header {@value #PURPOSE_HEADER}, default
 * USER_VIEW) and its source address into the request's {@link AuditContext}; an unknown purpose
 * is refused, and the refusal audited. Whether the caller's roles may use the purpose is the
 * audit interceptor's check.
 */
@WebFilter(urlPatterns = {"/graphql/*", "/audit/*"})
public class AuditContextFilter extends HttpFilter {
    public static final String PURPOSE_HEADER = "X-Lakehouse-Purpose";
    private static final long serialVersionUID = 1L;

    @Inject
    AuditContext context;

    @EJB
    AuditTrail trail;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String header = request.getHeader(PURPOSE_HEADER);
        AuditPurpose purpose;
        try {
            purpose = header == null || header.isBlank() ? AuditPurpose.USER_VIEW : AuditPurpose.valueOf(header.trim());
        } catch (IllegalArgumentException e) {
            context.set(AuditPurpose.USER_VIEW, false, request.getRemoteAddr());
            trail.refused(request.getServletPath(), AuditAction.READ, "invalid-purpose");
            GraphQlErrorResponse.write(
                    response,
                    HttpServletResponse.SC_BAD_REQUEST,
                    PURPOSE_HEADER + " must be one of " + Arrays.toString(AuditPurpose.values()),
                    "invalid-input");
            return;
        }
        context.set(purpose, header != null && !header.isBlank(), request.getRemoteAddr());
        chain.doFilter(request, response);
    }
}
