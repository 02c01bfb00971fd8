package coop.cpc.lakehouse.launcher;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** A provisioned WildFly run as a child process: deploy, start, wait for the deployment, stop. */
final class WildFlyServer {
    private static final String DEPLOYMENT = "lakehouse.ear";

    private final Path home;
    private final int httpPort;
    private final int managementPort;
    private Process process;

    WildFlyServer(Path home, int httpPort, int managementPort) {
        this.home = home;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /** Copies the EAR into the deployment scanner's folder, replacing an older copy. */
    void deploy(Path ear) throws IOException {
        Path deployments = home.resolve("standalone/deployments");
        for (String suffix : new String[] {".deployed", ".failed", ".undeployed", ".isdeploying", ".pending"}) {
            Files.deleteIfExists(deployments.resolve(DEPLOYMENT + suffix));
        }
        Files.copy(ear, deployments.resolve(DEPLOYMENT), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Starts the server with {@code systemProperties} passed in a file readable only by the owner,
     * so secrets appear neither on the command line nor in standalone.xml.
     */
    void start(Map<String, String> systemProperties, Path runDirectory, Path consoleLog) throws IOException {
        Files.createDirectories(runDirectory);
        Path propertiesFile = runDirectory.resolve("server.properties");
        Files.deleteIfExists(propertiesFile);
        Files.createFile(propertiesFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties properties = new Properties();
        properties.putAll(systemProperties);
        try (Writer out = Files.newBufferedWriter(propertiesFile)) {
            properties.store(out, "System properties of the lakehouse server, written by the launcher");
        }
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
                "-c", "standalone.xml",
                "-P", propertiesFile.toUri().toString(),
                "-Djboss.http.port=" + httpPort,
                "-Djboss.management.http.port=" + managementPort)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
        // Hot redeploys and Debezium need more than the default 512 MB heap.
        builder.environment().put("JBOSS_JAVA_SIZING", "-Xms128m -Xmx1g -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m");
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        process = builder.start();
    }

    /** Waits until the deployment scanner reports the EAR deployed; fails if it failed or the server died. */
    void awaitDeployment(Duration timeout, Path consoleLog) throws IOException, InterruptedException {
        Path deployments = home.resolve("standalone/deployments");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(deployments.resolve(DEPLOYMENT + ".deployed"))) {
                return;
            }
            Path failed = deployments.resolve(DEPLOYMENT + ".failed");
            if (Files.exists(failed)) {
                throw new IOException("The lakehouse failed to deploy:\n" + Files.readString(failed)
                        + "\nServer log: " + home.resolve("standalone/log/server.log"));
            }
            if (!process.isAlive()) {
                throw new IOException("WildFly exited with code " + process.exitValue() + "; see " + consoleLog);
            }
            Thread.sleep(250);
        }
        throw new IOException("The lakehouse was not deployed within " + timeout.toSeconds() + " s; see " + consoleLog);
    }

    /** Asks the server to shut down through its management interface, then waits for the process. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            Process cli = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                    "--controller=localhost:" + managementPort, "--command=:shutdown")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            cli.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.destroy();
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
