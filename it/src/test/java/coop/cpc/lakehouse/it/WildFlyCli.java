package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The provisioned WildFly's own scripts against the IT server: jboss-cli.sh signs in by local authentication (the
 * tests run as the server's user), add-user.sh writes the management realm's files.
 */
final class WildFlyCli {

    private WildFlyCli() {}

    /** The IT server's home (it/pom.xml provisions it under lakehouse.it.dir). */
    static Path home() {
        return Path.of(System.getProperty("lakehouse.it.dir", "target"), "wildfly")
                .toAbsolutePath();
    }

    /** Runs one management operation (CLI syntax) on the IT server; returns the CLI's output. */
    static String operation(String operation) throws Exception {
        return run(
                home().resolve("bin/jboss-cli.sh").toString(),
                "-c",
                "--controller=localhost:" + System.getProperty("lakehouse.it.management.port", "10090"),
                "--command=" + operation);
    }

    /** Runs a command in the server's home, which must end within two minutes and succeed; returns its output. */
    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command)
                .directory(home().toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
        return output;
    }
}
