package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibertyServerTest {
    private static final String KEY = "an HMAC key with \"quotes\", a \\ and $HOME #not-a-comment 'too'";

    @TempDir
    Path dir;

    @Test
    void systemPropertiesGoToAnOwnerOnlyFileSoNoSecretIsOnTheServersCommandLine() throws Exception {
        LibertyServer server = configured(Map.of(
                "data_lakehouse.audit_pseudonym_key",
                KEY,
                "data_lakehouse.postgresql_connection",
                "postgresql://u:hunter2@db.example.org/lakehouse"));

        String jvmOptions = Files.readString(server.serverDirectory().resolve("jvm.options"));
        Path arguments = server.serverDirectory().resolve(LibertyServer.SYSTEM_PROPERTIES_FILE);
        assertThat(jvmOptions)
                .doesNotContain("hunter2")
                .doesNotContain("HMAC key")
                .doesNotContain("data_lakehouse")
                .contains("\n@" + arguments.toAbsolutePath() + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(arguments)))
                .isEqualTo("rw-------");
    }

    @Test
    void theJavaLauncherReadsEveryValueBackUnchanged() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("data_lakehouse.audit_pseudonym_key", KEY);
        properties.put("data_lakehouse.webm_storage_path", "/srv/lake house/webm");
        properties.put("lakehouse.config.file", "/etc/lakehouse.json");
        LibertyServer server = configured(properties);

        // The same expansion Liberty's bin/server gets: the java launcher reads the file the '@' names.
        Path arguments = server.serverDirectory().resolve(LibertyServer.SYSTEM_PROPERTIES_FILE);
        Process java = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "@" + arguments.toAbsolutePath(),
                        "-XshowSettings:properties",
                        "-version")
                .redirectErrorStream(true)
                .start();
        String shown = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();

        properties.forEach((name, value) -> assertThat(shown).contains(name + " = " + value + "\n"));
    }

    /**
     * The database password never lands in a file another user could read: not in a bootstrap.properties left readable
     * by an earlier run or by hand (rewritten in place, a reader that had it open read the new secret through its open
     * file), and not in a new file the umask makes readable until it is restricted.
     */
    @Test
    void theDatabasePasswordNeverReachesAFileAnotherUserHasOpenOrCouldOpen() throws Exception {
        Path driver = Files.writeString(dir.resolve("postgresql.jar"), "not a jar");
        LibertyServer server = new LibertyServer(dir.resolve("wlp"), 9280, ServerHeap.DEFAULT);
        Path bootstrap = server.serverDirectory().resolve("bootstrap.properties");
        Files.createDirectories(bootstrap.getParent());
        Files.writeString(bootstrap, "http.port=9280\n");
        Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rw-r--r--"));

        try (java.io.InputStream openedEarlier = Files.newInputStream(bootstrap)) {
            server.configure(null, driver, Map.of("lakehouse.db.password", "db-secret"), Map.of());

            assertThat(new String(openedEarlier.readAllBytes(), StandardCharsets.UTF_8))
                    .doesNotContain("db-secret");
        }
        assertThat(Files.readString(bootstrap)).contains("lakehouse.db.password=db-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bootstrap)))
                .isEqualTo("rw-------");
        try (var left = Files.list(bootstrap.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void lineBreaksInAValueAreEscaped() {
        assertThat(LibertyServer.argumentFile(Map.of("a", "one\ntwo\r\tthree")))
                .isEqualTo("\"-Da=one\\ntwo\\r\\tthree\"\n");
    }

    private LibertyServer configured(Map<String, String> properties) throws Exception {
        Path driver = Files.writeString(dir.resolve("postgresql.jar"), "not a jar");
        LibertyServer server = new LibertyServer(dir.resolve("wlp"), 9280, ServerHeap.DEFAULT);
        server.configure(null, driver, Map.of("lakehouse.db.password", "db-secret"), properties);
        assertThat(List.of("jvm.options", "bootstrap.properties"))
                .allSatisfy(name ->
                        assertThat(server.serverDirectory().resolve(name)).exists());
        return server;
    }

    @Test
    void theMetricsScraperIsTheOneUserOfItsRegistryAndAnAdministrator() {
        assertThat(LibertyServer.metricsScraperConfiguration("scraper", "Scrape-it-9f2c!"))
                .isEqualTo("""
                        <server>
                          <basicRegistry id="metricsScrapers"><user name="scraper" password="Scrape-it-9f2c!"/></basicRegistry>
                          <administrator-role><user>scraper</user></administrator-role>
                        </server>
                        """);
    }

    @Test
    void refusesAScraperWhoseNameOrPasswordWouldChangeTheXml() {
        assertThatThrownBy(() -> LibertyServer.metricsScraperConfiguration("a\"b", "Scrape-it-9f2c!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The metrics scraper's user name must be 1 to 64 letters, digits, '.', '_' or '-'");
        assertThatThrownBy(() -> LibertyServer.metricsScraperConfiguration("scraper", "Scrape-it-${x}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The metrics scraper's password must be 12 to 128");
        assertThatThrownBy(() -> LibertyServer.metricsScraperConfiguration("scraper", "short"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
