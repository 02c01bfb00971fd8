package coop.cpc.lakehouse.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a refusal the way GraphQL reports errors, {@code {"errors":[{"message":…,"extensions":{"code":…}}]}},
 * with an HTTP status: never a servlet container's HTML error page.
 */
public final class GraphQlErrorResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GraphQlErrorResponse() {}

    public static String body(String message, String code) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putArray("errors").addObject();
        error.put("message", message);
        error.putObject("extensions").put("code", code);
        return body.toString();
    }

    /**
     * A query refused as the engine refuses a query that does not validate: code {@code invalid-input},
     * classification {@code ValidationError}, and where in the query when known (null: nowhere in particular).
     */
    static String body(String message, Integer line, Integer column) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putArray("errors").addObject();
        error.put("message", message);
        if (line != null && column != null) {
            error.putArray("locations").addObject().put("line", line).put("column", column);
        }
        error.putObject("extensions").put("code", "invalid-input").put("classification", "ValidationError");
        return body.toString();
    }

    public static void write(HttpServletResponse response, int status, String message, String code) throws IOException {
        write(response, status, body(message, code));
    }

    static void write(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}
