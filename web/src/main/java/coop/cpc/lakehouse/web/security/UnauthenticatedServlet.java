package coop.cpc.lakehouse.web.security;

import coop.cpc.lakehouse.application.security.UnauthenticatedException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page of a 401: the container refuses a request without a valid token before GraphQL
 * runs, and the client still gets a GraphQL error with code {@code unauthenticated} — the same for a
 * missing, expired, tampered or foreign token, so the answer tells an attacker nothing.
 */
@WebServlet("/errors/unauthenticated")
public class UnauthenticatedServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String BODY = "{\"errors\":[{\"message\":\"" + UnauthenticatedException.MESSAGE
            + "\",\"extensions\":{\"code\":\"unauthenticated\"}}]}";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(BODY);
    }
}
