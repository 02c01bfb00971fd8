package coop.cpc.lakehouse.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldResponseTest {

    @Test
    void nothingReachesTheClientUntilReleasedThenTheWholeBodyWithItsLength() throws Exception {
        Sent sent = new Sent();
        HeldResponse held = new HeldResponse(sent.response());

        held.setContentType("application/json;charset=UTF-8");
        held.getOutputStream().write("{\"data\":1}".getBytes(StandardCharsets.UTF_8));
        held.getOutputStream().flush();
        held.flushBuffer();

        assertThat(sent.body.size()).isZero();
        assertThat(sent.calls).doesNotContain("flushBuffer", "setContentLength");
        assertThat(held.isCommitted()).isFalse();

        held.release();

        assertThat(sent.body.toString(StandardCharsets.UTF_8)).isEqualTo("{\"data\":1}");
        assertThat(sent.contentLength).isEqualTo(10);
        assertThat(sent.calls).contains("setContentType", "flushBuffer");
    }

    @Test
    void aResetBufferDropsWhatWasHeld() throws Exception {
        Sent sent = new Sent();
        HeldResponse held = new HeldResponse(sent.response());
        held.getWriter().write("partial");
        held.resetBuffer();
        held.getWriter().write("{}");

        held.release();

        assertThat(sent.body.toString(StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    /** What reached the real response. */
    private static final class Sent {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final List<String> calls = new ArrayList<>();
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
                            case "setContentLength" -> {
                                contentLength = (Integer) arguments[0];
                                yield null;
                            }
                            default -> null;
                        };
                    });
        }
    }
}
