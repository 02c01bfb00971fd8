package coop.cpc.lakehouse.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadOnlyFilesFilterTest {

    private final List<String> served = new ArrayList<>();
    private final FilterChain fileServlet =
            (request, response) -> served.add(((HttpServletRequest) request).getMethod());

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD"})
    void aReadReachesTheFile(String method) throws Exception {
        RecordingResponse sent = new RecordingResponse();

        new ReadOnlyFilesFilter().doFilter(request(method), sent.response(), fileServlet);

        assertThat(served).containsExactly(method);
        assertThat(sent.calls).doesNotContain("setStatus", "sendError", "setHeader");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DELETE", "PUT", "POST", "PATCH", "PROPFIND", "TRACE"})
    void anyOtherMethodIsAPlain405ThatNamesTheAllowedMethodsAndNeverReachesTheFile(String method) throws Exception {
        RecordingResponse sent = new RecordingResponse();

        new ReadOnlyFilesFilter().doFilter(request(method), sent.response(), fileServlet);

        assertThat(served).isEmpty();
        assertThat(sent.status).isEqualTo(405);
        assertThat(sent.text()).isEqualTo("405 Method Not Allowed");
        assertThat(sent.headers).containsEntry("Allow", "GET, HEAD, OPTIONS");
        assertThat(sent.calls).doesNotContain("sendError");
    }

    @Test
    void optionsListsTheAllowedMethodsWithoutABody() throws Exception {
        RecordingResponse sent = new RecordingResponse();

        new ReadOnlyFilesFilter().doFilter(request("OPTIONS"), sent.response(), fileServlet);

        assertThat(served).isEmpty();
        assertThat(sent.status).isEqualTo(200);
        assertThat(sent.headers).containsEntry("Allow", "GET, HEAD, OPTIONS");
        assertThat(sent.text()).isEmpty();
    }

    private static HttpServletRequest request(String method) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, called, arguments) -> "getMethod".equals(called.getName()) ? method : null);
    }
}
