package coop.cpc.lakehouse.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientTextTest {

    @Test
    void removesClassNamesAndServerPaths() {
        assertThat(ClientText.plain(
                        "java.io.FileNotFoundException: /opt/wildfly-39.0.1.Final/standalone/tmp/x.csv (No such file)",
                        List.of("/opt/wildfly-39.0.1.Final")))
                .isEqualTo("(a file of the server) (No such file)");
        assertThat(ClientText.plain(
                        "coop.cpc.lakehouse.ingest.record.RecordRejectedException: column 'a' expects int64",
                        List.of()))
                .isEqualTo("column 'a' expects int64");
        assertThat(ClientText.plain("OutOfMemoryError: Java heap space", List.of()))
                .isEqualTo("Java heap space");
    }

    @Test
    void aMessageWithNothingLeftBecomesAGenericPhrase() {
        assertThat(ClientText.plain(null, List.of())).isEqualTo("an unexpected error (details in the server log)");
        assertThat(ClientText.plain("java.lang.NullPointerException", List.of()))
                .isEqualTo("an unexpected error (details in the server log)");
    }

    @Test
    void plainMessagesPassUnchanged() {
        String own = "file drop 'inbox/a.csv': record 3 has 2 fields, the header has 3";
        assertThat(ClientText.plain(own, List.of("/opt/wildfly"))).isEqualTo(own);
    }
}
