package coop.cpc.lakehouse.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A read-only request's answer: its audit entries are appended before its first byte reaches the client, and the
 * answer then streams on without being held in memory; no byte of it leaves when they cannot be appended.
 */
class HeldResponseTest {

    @Test
    void theEntriesAreAppendedBeforeTheFirstByteThenTheAnswerStreamsWithoutBeingHeld() throws Exception {
        RecordingResponse sent = new RecordingResponse();
        List<Integer> appendedWhileClientHad = new ArrayList<>();
        HeldResponse held = new HeldResponse(sent.response(), () -> appendedWhileClientHad.add(sent.body.size()));
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');

        held.setContentType("application/json;charset=UTF-8");
        held.flushBuffer();
        assertThat(sent.calls).as("a flush before the entries are appended").doesNotContain("flushBuffer");
        held.getOutputStream().write(chunk);

        assertThat(appendedWhileClientHad).containsExactly(0);
        assertThat(sent.body.size()).as("bytes the client has, not held back").isEqualTo(chunk.length);
        for (int i = 1; i < 16; i++) {
            held.getOutputStream().write(chunk);
        }
        assertThat(sent.body.size()).isEqualTo(16 * chunk.length);
        held.flushBuffer();
        held.complete();

        assertThat(appendedWhileClientHad).hasSize(1);
        assertThat(sent.calls).contains("setContentType", "flushBuffer");
        assertThat(held.withheld()).isFalse();
    }

    @Test
    void anAnswerWrittenThroughTheWriterReachesTheClientOnlyAfterTheEntries() throws Exception {
        RecordingResponse sent = new RecordingResponse();
        List<Integer> appendedWhileClientHad = new ArrayList<>();
        HeldResponse held = new HeldResponse(sent.response(), () -> appendedWhileClientHad.add(sent.body.size()));

        PrintWriter writer = held.getWriter();
        writer.write("{\"data\":1}");
        held.complete();

        assertThat(appendedWhileClientHad).containsExactly(0);
        assertThat(sent.body.toString(StandardCharsets.UTF_8)).isEqualTo("{\"data\":1}");
    }

    @Test
    void noByteLeavesWhenTheEntriesCannotBeAppended() throws Exception {
        RecordingResponse sent = new RecordingResponse();
        HeldResponse held = new HeldResponse(sent.response(), () -> {
            throw new IllegalStateException("Cannot append to the audit trail");
        });

        assertThatThrownBy(() ->
                        held.getOutputStream().write("{\"data\":{\"secret\":1}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessage("the answer is withheld: its audit entries could not be appended");
        assertThatThrownBy(() -> held.getOutputStream().write('x')).isInstanceOf(IOException.class);
        held.flushBuffer();
        held.complete();

        assertThat(held.withheld()).isTrue();
        assertThat(sent.body.size()).isZero();
        assertThat(sent.calls).doesNotContain("flushBuffer");
    }

    @Test
    void theEntriesOfAnAnswerNeverWrittenAreAppendedAtTheEnd() {
        RecordingResponse sent = new RecordingResponse();
        List<Integer> appendedWhileClientHad = new ArrayList<>();
        HeldResponse held = new HeldResponse(sent.response(), () -> appendedWhileClientHad.add(sent.body.size()));

        held.complete();
        held.complete();

        assertThat(appendedWhileClientHad).containsExactly(0);
    }
}
