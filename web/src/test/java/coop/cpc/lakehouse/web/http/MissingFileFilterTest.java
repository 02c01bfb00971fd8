package coop.cpc.lakehouse.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MissingFileFilterTest {

    @Test
    void aFileTheStaticServletCannotFindIsAPlainNotFoundInsteadOfTheContainersExceptionPage() throws Exception {
        RecordingResponse sent = new RecordingResponse();
        FilterChain staticServlet = (request, response) -> {
            throw new ServletException(new FileNotFoundException("SRVE0190E: File not found: /console/nope.js"));
        };

        new MissingFileFilter().doFilter(PlainErrorServletTest.errorDispatch(Map.of()), sent.response(), staticServlet);

        assertThat(sent.status).isEqualTo(404);
        assertThat(sent.text()).isEqualTo("404 Not Found");
        assertThat(sent.calls).doesNotContain("sendError");
    }

    @Test
    void aFileNotFoundExceptionThrownAsItIsToo() throws Exception {
        RecordingResponse sent = new RecordingResponse();
        FilterChain staticServlet = (request, response) -> {
            throw new FileNotFoundException("SRVE0190E: File not found: /does-not-exist");
        };

        new MissingFileFilter().doFilter(PlainErrorServletTest.errorDispatch(Map.of()), sent.response(), staticServlet);

        assertThat(sent.status).isEqualTo(404);
        assertThat(sent.text()).isEqualTo("404 Not Found");
    }

    static Stream<IOException> otherFailures() {
        return Stream.of(
                new IOException("disk full"), new FileNotFoundException("/etc/lakehouse/keys.pem (Permission denied)"));
    }

    /** Any other failure, a file another servlet cannot open (permission denied) among them, is a server error. */
    @ParameterizedTest
    @MethodSource("otherFailures")
    void anyOtherFailureStillReachesTheContainerAndItsErrorPage(IOException failure) {
        RecordingResponse sent = new RecordingResponse();
        FilterChain servlet = (request, response) -> {
            throw new ServletException(failure);
        };

        assertThatThrownBy(() -> new MissingFileFilter()
                        .doFilter(PlainErrorServletTest.errorDispatch(Map.of()), sent.response(), servlet))
                .isInstanceOf(ServletException.class)
                .hasCause(failure);
        assertThat(sent.calls).doesNotContain("setStatus", "sendError");
    }

    @Test
    void aMissingFileAfterTheResponseWasCommittedIsLeftToTheContainerWithNothingWritten() {
        RecordingResponse sent = new RecordingResponse();
        sent.committed = true;
        FileNotFoundException missing = new FileNotFoundException("SRVE0190E: File not found: /console/nope.js");
        FilterChain staticServlet = (request, response) -> {
            throw missing;
        };

        assertThatThrownBy(() -> new MissingFileFilter()
                        .doFilter(PlainErrorServletTest.errorDispatch(Map.of()), sent.response(), staticServlet))
                .isSameAs(missing);
        assertThat(sent.calls).doesNotContain("setStatus", "sendError", "resetBuffer", "getWriter", "getOutputStream");
        assertThat(sent.body.size()).isZero();
    }
}
