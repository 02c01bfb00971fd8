package coop.cpc.lakehouse.web.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A servlet response that keeps what was sent to it: the body, the status (set or sent as an error), the headers
 * set, the content type, the content length and the calls.
 */
final class RecordingResponse {
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final List<String> calls = new ArrayList<>();
    /** The headers set, by name (the last value set). */
    final Map<String, String> headers = new HashMap<>();

    int status = 200;
    String contentType;
    private final PrintWriter writer = new PrintWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8), false);
    int contentLength = -1;
    /** What {@code isCommitted} answers: whether the response's head has gone out already. */
    boolean committed;

    HttpServletResponse response() {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {}
        };
        return (HttpServletResponse) Proxy.newProxyInstance(
                HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, arguments) -> {
                    calls.add(method.getName());
                    return switch (method.getName()) {
                        case "getOutputStream" -> out;
                        case "getWriter" -> writer;
                        case "isCommitted" -> committed;
                        case "getCharacterEncoding" -> "UTF-8";
                        case "setStatus", "sendError" -> {
                            status = (Integer) arguments[0];
                            yield null;
                        }
                        case "setHeader" -> {
                            headers.put((String) arguments[0], (String) arguments[1]);
                            yield null;
                        }
                        case "setContentType" -> {
                            contentType = (String) arguments[0];
                            yield null;
                        }
                        case "setContentLength" -> {
                            contentLength = (Integer) arguments[0];
                            yield null;
                        }
                        case "resetBuffer" -> {
                            body.reset();
                            yield null;
                        }
                        default -> null;
                    };
                });
    }

    /** The body as text, with what was written through the writer. */
    String text() {
        writer.flush();
        return body.toString(StandardCharsets.UTF_8);
    }
}
