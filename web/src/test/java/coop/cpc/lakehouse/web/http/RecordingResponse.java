package coop.cpc.lakehouse.web.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/** A servlet response that keeps what was sent to it: the body, the status, the content length and the calls. */
final class RecordingResponse {
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final List<String> calls = new ArrayList<>();
    int status = 200;
    int contentLength = -1;

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
                        case "isCommitted" -> false;
                        case "getCharacterEncoding" -> "UTF-8";
                        case "setStatus" -> {
                            status = (Integer) arguments[0];
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
}
