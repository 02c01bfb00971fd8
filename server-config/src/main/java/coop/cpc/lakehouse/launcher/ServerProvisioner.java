package coop.cpc.lakehouse.launcher;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Provisions a WildFly server from the {@code wildfly-dist} zip that Maven fetched from Maven
 * Central (Galleon provisioning needs artifacts Central lacks), then applies this module's
 * configure-*.cli scripts offline. A server already provisioned with the same scripts is reused.
 */
public final class ServerProvisioner {
    private static final System.Logger LOG = System.getLogger(ServerProvisioner.class.getName());
    private static final String MARKER = ".lakehouse-provisioned";

    private final Path distZip;
    private final Path postgresqlJar;

    public ServerProvisioner(Path distZip, Path postgresqlJar) {
        this.distZip = distZip;
        this.postgresqlJar = postgresqlJar;
    }

    /** For the build: {@code ServerProvisioner <server home>} with the dist and driver the launcher knows. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ServerProvisioner <server home>");
        }
        LauncherBuild build = LauncherBuild.load();
        new ServerProvisioner(build.wildflyDist(), build.postgresqlDriverJar()).provision(Path.of(args[0]));
    }

    /** @return true when the server was (re)provisioned, false when an up-to-date one was reused */
    public boolean provision(Path serverHome) throws IOException, InterruptedException {
        String fingerprint = CliScripts.fingerprint() + " " + distZip.getFileName();
        Path marker = serverHome.resolve(MARKER);
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(fingerprint)) {
            return false;
        }
        LOG.log(Level.INFO, "Provisioning WildFly into {0} from {1}", serverHome, distZip);
        Path staging = serverHome.resolveSibling(serverHome.getFileName() + ".provisioning");
        deleteRecursively(staging);
        ServerZip.unpack(distZip, staging, path -> path.endsWith(".sh"));
        configure(staging);
        Files.writeString(staging.resolve(MARKER), fingerprint);
        deleteRecursively(serverHome);
        Files.move(staging, serverHome, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private void configure(Path server) throws IOException, InterruptedException {
        Path scriptDir = server.resolve("lakehouse-cli");
        List<Path> scripts = CliScripts.extractTo(scriptDir);
        Path properties = scriptDir.resolve("cli.properties");
        Properties values = new Properties();
        values.setProperty("postgresql.jar", postgresqlJar.toAbsolutePath().toString());
        try (var out = Files.newBufferedWriter(properties)) {
            values.store(out, "Values used by the configure-*.cli scripts");
        }
        for (Path script : scripts) {
            runCli(server, properties, script);
        }
        bootLoggingAtInfo(server);
        communityStability(server);
    }

    /**
     * Micrometer's Prometheus registry (configure-application-metrics.cli) is a "community" stability
     * feature: a server started at the default level refuses the configuration. standalone.sh reads
     * standalone.conf, so every start through it (the launcher's, the crash tests') gets the level.
     */
    static void communityStability(Path server) throws IOException {
        Path conf = server.resolve("bin/standalone.conf");
        Files.writeString(
                conf,
                Files.readString(conf)
                        + "\n# Added by the lakehouse provisioner: see configure-application-metrics.cli\n"
                        + "JAVA_OPTS=\"$JAVA_OPTS -Djboss.stability=community\"\n");
    }

    /**
     * The scripts set the logger org.jboss.as.config to INFO, but an offline (admin-only) server does
     * not rewrite logging.properties, which the next boot logs with until the logging subsystem starts:
     * at WildFly's DEBUG it would print every system property, the database password and secrets
     * among them. So logging.properties gets the same level now.
     */
    static void bootLoggingAtInfo(Path server) throws IOException {
        Path logging = server.resolve("standalone/configuration/logging.properties");
        if (Files.isRegularFile(logging)) {
            Files.writeString(
                    logging,
                    Files.readString(logging)
                            .replace(
                                    "logger.org.jboss.as.config.level=DEBUG", "logger.org.jboss.as.config.level=INFO"));
        }
    }

    static void runCli(Path server, Path properties, Path script) throws IOException, InterruptedException {
        Path log = script.resolveSibling(script.getFileName() + ".log");
        Process cli = new ProcessBuilder(
                        server.resolve("bin/jboss-cli.sh").toString(), "--properties=" + properties, "--file=" + script)
                .directory(server.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!cli.waitFor(5, TimeUnit.MINUTES)) {
            cli.destroyForcibly();
            throw new IOException("jboss-cli did not finish " + script.getFileName() + " in 5 minutes; see " + log);
        }
        if (cli.exitValue() != 0) {
            throw new IOException("jboss-cli failed on " + script.getFileName() + " (exit " + cli.exitValue() + "):\n"
                    + Files.readString(log));
        }
    }

    /** Deletes a file or a folder with everything in it; a path that does not exist is left alone. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
