package coop.cpc.lakehouse.application;

import static coop.cpc.lakehouse.testing.ServerThreads.onOneMebibyteStack;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    @Test
    void hidesLibertyFoldersTheTemporaryFolderAndTheSegmentStorage() {
        Map<String, String> properties = Map.of(
                "wlp.install.dir", "/opt/ol/wlp/",
                "wlp.user.dir", "/opt/ol/wlp/usr/",
                "server.config.dir", "/srv/liberty/config/",
                "server.output.dir", "/srv/liberty/output/",
                "java.io.tmpdir", "/tmp");
        List<String> hidden = ClientText.serverPaths(properties::get, Optional.of("/data/lakehouse/webm"));

        assertThat(ClientText.plain(
                        "java.io.IOException: cannot read /srv/liberty/config/lakehouse.json, /tmp/upload-1/a.csv, "
                                + "/data/lakehouse/webm/crm/visits/data/1.webm and /opt/ol/wlp/lib/x.jar; "
                                + "logs in /srv/liberty/output/logs",
                        hidden))
                .isEqualTo("cannot read (a file of the server), (a file of the server), (a file of the server) "
                        + "and (a file of the server); logs in (a file of the server)");
        assertThat(ClientText.plain("folder /srv/liberty/output", hidden)).isEqualTo("folder (a file of the server)");
        // Only where a path starts and ends: other folders that share a prefix stay readable.
        assertThat(ClientText.plain("file drop /tmpfiles/a.csv and /var/tmp/b.csv", hidden))
                .isEqualTo("file drop /tmpfiles/a.csv and /var/tmp/b.csv");
    }

    @Test
    void aRelativeStoragePathIsHiddenAsTheAbsoluteFolderItNames() {
        String absolute = Path.of("var/webm").toAbsolutePath().normalize().toString();
        List<String> hidden = ClientText.serverPaths(name -> null, Optional.of("var/webm"));

        assertThat(ClientText.plain("cannot write " + absolute + "/crm/a/data/x.webm.tmp", hidden))
                .isEqualTo("cannot write (a file of the server)");
    }

    @Test
    void aServerPathWrittenAsAFileUriIsHiddenWithItsScheme() {
        List<String> hidden = List.of("/opt/wildfly");

        assertThat(ClientText.plain("Cannot read file:///opt/wildfly/standalone/x.webm", hidden))
                .isEqualTo("Cannot read (a file of the server)");
        assertThat(ClientText.plain("Cannot read file:/opt/wildfly/standalone/x.webm", hidden))
                .isEqualTo("Cannot read (a file of the server)");
    }

    @Test
    void aOneWordRelativeStoragePathHidesOnlyTheFolderItNamesNotTheWord() {
        String absolute = Path.of("data").toAbsolutePath().normalize().toString();
        List<String> hidden = ClientText.serverPaths(name -> null, Optional.of("data"));

        assertThat(ClientText.plain("CSV header has no data columns", hidden))
                .isEqualTo("CSV header has no data columns");
        assertThat(ClientText.plain("cannot write " + absolute + "/x.webm", hidden))
                .isEqualTo("cannot write (a file of the server)");
    }

    @Test
    void theServersPathsComeFromItsSystemPropertiesAndNeverIncludeTheRoot() {
        String tmp = System.getProperty("java.io.tmpdir").replaceAll("[/\\\\]+$", "");

        assertThat(ClientText.serverPaths()).contains(tmp);
        assertThat(ClientText.serverPaths(name -> "/", Optional.of("/"))).isEmpty();
    }

    @Test
    void longDottedMessageIsShortenedNotOverflowed() throws InterruptedException {
        String message = "GET http://api.example.test/" + "a.".repeat(5000) + "x (page 2) returned HTTP 404";

        String plain = onOneMebibyteStack(() -> ClientText.plain(message, List.of("/opt/wildfly")));

        assertThat(plain).startsWith("GET http://api.example.test/a.a.a.").endsWith("…");
        assertThat(plain.length()).isLessThanOrEqualTo(ClientText.MAX_SCANNED_CHARS + 1);
    }

    @Test
    void aMessageIsCutAtAWordSoThatNoServerPathIsLeftHalfHidden() {
        String message = "x".repeat(ClientText.MAX_SCANNED_CHARS - 10) + " /opt/wildfly/standalone/a.csv is gone";

        assertThat(ClientText.plain(message, List.of("/opt/wildfly")))
                .isEqualTo("x".repeat(ClientText.MAX_SCANNED_CHARS - 10) + " …");
    }
}
