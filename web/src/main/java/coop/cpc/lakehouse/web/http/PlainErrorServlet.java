package coop.cpc.lakehouse.web.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The error page of every status the application does not answer itself (web.xml's default error page): a short
 * plain-text body with the status and its reason ({@code 404 Not Found}), the same on WildFly and Open Liberty.
 * The container's own pages name exception classes and message ids on Liberty ({@code Error 404:
 * jakarta.servlet.ServletException: java.io.FileNotFoundException: SRVE0190E: ...}). It never sends an error
 * itself, so it cannot send a request back to itself.
 */
@WebServlet(PlainErrorServlet.PATH)
public class PlainErrorServlet extends HttpServlet {
    static final String PATH = "/errors/plain";
    private static final long serialVersionUID = 1L;
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(406, "Not Acceptable"),
            Map.entry(408, "Request Timeout"),
            Map.entry(411, "Length Required"),
            Map.entry(413, "Content Too Large"),
            Map.entry(414, "URI Too Long"),
            Map.entry(415, "Unsupported Media Type"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"),
            Map.entry(503, "Service Unavailable"));

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Called directly, not as the error page of a request: not found, answered here (no sendError).
        answer(
                response,
                request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status
                        ? status
                        : HttpServletResponse.SC_NOT_FOUND);
    }

    /** Answers {@code status} with the status and its reason as the whole body. */
    static void answer(HttpServletResponse response, int status) throws IOException {
        String reason = REASONS.get(status);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(reason == null ? Integer.toString(status) : status + " " + reason);
    }
}
