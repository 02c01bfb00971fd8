package coop.cpc.lakehouse.web.security;

import coop.cpc.lakehouse.application.security.UnauthenticatedException;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page of requests the container refuses before GraphQL runs: the client still gets a
 * GraphQL-shaped answer. A 401 (no, expired, tampered or foreign token) is a GraphQL error with code
 * {@code unauthenticated}, the same for every reason, so it tells an attacker nothing. smallrye-jwt
 * answers 500 when a token's key id is not in the issuer's JWKS (a token of another issuer): a 500
 * on a bearer request that authenticated no one is that case, and gets the same 401. Any other 500
 * gets a generic error without details.
 */
@WebServlet(AuthenticationErrorServlet.PATH)
public class AuthenticationErrorServlet extends HttpServlet {
    static final String PATH = "/errors/authentication";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(AuthenticationErrorServlet.class.getName());
    static final String UNAUTHENTICATED = "{\"errors\":[{\"message\":\"" + UnauthenticatedException.MESSAGE
            + "\",\"extensions\":{\"code\":\"unauthenticated\"}}]}";
    static final String INTERNAL = "{\"errors\":[{\"message\":\"Server error: the request could not be completed\","
            + "\"extensions\":{\"code\":\"internal-server-error\"}}]}";

    @Inject
    UnauthenticatedRefusals refusals;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (status == null) {
            // Called directly, not as the error page of a refused request.
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String authorization = request.getHeader("Authorization");
        boolean unauthenticated =
                Integer.valueOf(HttpServletResponse.SC_UNAUTHORIZED).equals(status)
                        || request.getUserPrincipal() == null
                                && authorization != null
                                && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        if (unauthenticated) {
            audit(request);
        }
        response.setStatus(
                unauthenticated ? HttpServletResponse.SC_UNAUTHORIZED : HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(unauthenticated ? UNAUTHENTICATED : INTERNAL);
    }

    /**
     * A refused token is a refusal like any other: in the trail, with the caller's network and no pseudonym
     * (there is no caller); merged per address and interval, so that refusals cannot grow the trail unbounded.
     */
    private void audit(HttpServletRequest request) {
        try {
            refusals.refused(request.getRemoteAddr());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot audit a refused token", e);
        }
    }
}
