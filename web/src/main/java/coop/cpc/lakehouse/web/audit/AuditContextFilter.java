package coop.cpc.lakehouse.web.audit;

import coop.cpc.lakehouse.application.audit.AuditContext;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import coop.cpc.lakehouse.web.http.GraphQlErrorResponse;
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
 * Puts the purpose of a GraphQL request (header {@value #PURPOSE_HEADER}, default USER_VIEW) and
 * its source address into the request's {@link AuditContext}; an unknown purpose is refused.
 */
@WebFilter(urlPatterns = "/graphql/*")
public class AuditContextFilter extends HttpFilter {
    public static final String PURPOSE_HEADER = "X-Lakehouse-Purpose";
    private static final long serialVersionUID = 1L;

    @Inject
    AuditContext context;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String header = request.getHeader(PURPOSE_HEADER);
        AuditPurpose purpose;
        try {
            purpose = header == null || header.isBlank() ? AuditPurpose.USER_VIEW : AuditPurpose.valueOf(header.trim());
        } catch (IllegalArgumentException e) {
            GraphQlErrorResponse.write(response, HttpServletResponse.SC_BAD_REQUEST, PURPOSE_HEADER + " must be one of "
                    + Arrays.toString(AuditPurpose.values()), "invalid-input");
            return;
        }
        context.set(purpose, request.getRemoteAddr());
        chain.doFilter(request, response);
    }
}
