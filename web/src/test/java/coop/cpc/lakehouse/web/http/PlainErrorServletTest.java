package coop.cpc.lakehouse.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.FileNotFoundException;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainErrorServletTest {

    @Test
    void anErrorDispatchAnswersItsStatusAndReasonOnlyWhateverTheContainerSaysOfTheCause() throws Exception {
        RecordingResponse sent = new RecordingResponse();

        new PlainErrorServlet()
                .service(
                        errorDispatch(Map.of(
                                RequestDispatcher.ERROR_STATUS_CODE,
                                404,
                                RequestDispatcher.ERROR_MESSAGE,
                                "SRVE0190E: File not found: /WEB-INF/web.xml",
                                RequestDispatcher.ERROR_EXCEPTION,
                                new ServletException(new FileNotFoundException("SRVE0190E: File not found")))),
                        sent.response());

        assertThat(sent.status).isEqualTo(404);
        assertThat(sent.text()).isEqualTo("404 Not Found");
        assertThat(sent.contentType).isEqualTo("text/plain;charset=UTF-8");
        assertThat(sent.calls).doesNotContain("sendError");
    }

    @Test
    void aMethodTheServletDoesNotServeAnswers405MethodNotAllowed() throws Exception {
        RecordingResponse sent = new RecordingResponse();

        new PlainErrorServlet()
                .service(
                        errorDispatch(Map.of(
                                RequestDispatcher.ERROR_STATUS_CODE,
                                405,
                                RequestDispatcher.ERROR_MESSAGE,
                                "Http method DELETE is not supported by this URL")),
                        sent.response());

        assertThat(sent.status).isEqualTo(405);
        assertThat(sent.text()).isEqualTo("405 Method Not Allowed");
    }

    @Test
    void aStatusWithoutAKnownReasonAnswersItsCodeAlone() throws Exception {
        RecordingResponse sent = new RecordingResponse();

        new PlainErrorServlet()
                .service(errorDispatch(Map.of(RequestDispatcher.ERROR_STATUS_CODE, 418)), sent.response());

        assertThat(sent.status).isEqualTo(418);
        assertThat(sent.text()).isEqualTo("418");
    }

    @Test
    void calledDirectlyItAnswersNotFoundItselfAndSendsNoErrorThatCouldComeBackToIt() throws Exception {
        RecordingResponse sent = new RecordingResponse();

        new PlainErrorServlet().service(errorDispatch(Map.of()), sent.response());

        assertThat(sent.status).isEqualTo(404);
        assertThat(sent.text()).isEqualTo("404 Not Found");
        assertThat(sent.calls).doesNotContain("sendError");
    }

    /** A request whose only attributes are the given ones (the container's error attributes). */
    static HttpServletRequest errorDispatch(Map<String, Object> attributes) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) arguments[0]);
                    case "getMethod" -> "GET";
                    default -> null;
                });
    }
}
