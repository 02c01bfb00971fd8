package coop.cpc.lakehouse.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the IT server keeps what a test reads besides its API: WildFly (the default) or Open Liberty
 * ({@code -Dit.liberty}, it/pom.xml profile liberty-it). Each server writes its own log, elsewhere.
 */
final class ItServer {
    private ItServer() {}

    /** The ITs run on Open Liberty. */
    static boolean onLiberty() {
        return "liberty".equals(System.getProperty("arquillian.launch"));
    }

    /**
     * The server's main log, where the application's log lines go: WildFly's {@code standalone/log/server.log},
     * Liberty's {@code logs/messages.log}.
     */
    static Path mainLog() {
        if (onLiberty()) {
            return libertyServerDir().resolve("logs").resolve("messages.log");
        }
        return Path.of(System.getProperty("lakehouse.it.dir", "target"), "wildfly", "standalone", "log", "server.log");
    }

    /**
     * The text of every log file the server wrote: WildFly's server.log; on Liberty every file under
     * {@code logs/} (messages.log, console.log, trace and the FFDC incident files, which copy request data).
     */
    static String allLogs() throws IOException {
        if (!onLiberty()) {
            return Files.readString(mainLog(), StandardCharsets.UTF_8);
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(libertyServerDir().resolve("logs"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .append('\n');
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return all.toString();
    }

    /** The lines of {@link #mainLog()}. */
    static List<String> mainLogLines() throws IOException {
        return Files.readAllLines(mainLog(), StandardCharsets.UTF_8);
    }

    /** The URL of a MicroProfile Health path: WildFly's management port, Liberty's HTTP port. */
    static String health(String path) {
        return System.getProperty(
                        "lakehouse.it.health.url",
                        "http://localhost:" + System.getProperty("lakehouse.it.management.port", "10090") + "/health")
                + path;
    }

    /** The IT Liberty server's folder (usr/servers/lakehouse). */
    static Path libertyServerDir() {
        return Path.of(System.getProperty("lakehouse.it.liberty.server.dir"));
    }
}
