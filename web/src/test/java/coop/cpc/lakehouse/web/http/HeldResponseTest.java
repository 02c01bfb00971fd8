package coop.cpc.lakehouse.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeldResponseTest {

    @Test
    void nothingReachesTheClientUntilReleasedThenTheWholeBodyWithItsLength() throws Exception {
        RecordingResponse sent = new RecordingResponse();
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
        RecordingResponse sent = new RecordingResponse();
        HeldResponse held = new HeldResponse(sent.response());
        held.getWriter().write("partial");
        held.resetBuffer();
        held.getWriter().write("{}");

        held.release();

        assertThat(sent.body.toString(StandardCharsets.UTF_8)).isEqualTo("{}");
    }
}
