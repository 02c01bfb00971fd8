package coop.cpc.lakehouse.it.crash;

import coop.cpc.lakehouse.launcher.KillableWildFly;
import coop.cpc.lakehouse.launcher.ServerProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of the crash tests: each runs its own {@link KillableWildFly}, stopped after the test whatever
 * happened, and logs its progress with the seconds since the test began.
 */
abstract class KilledServerFixture {

    private final long started = System.nanoTime();

    /** The server the test started, or null before it has. */
    protected KillableWildFly server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.stop();
            log("server stopped; its log: " + server.serverLog());
        }
    }

    /**
     * The server's port offset: {@code distance} above the Arquillian server's offset
     * (lakehouse.it.http.port - 8080), unless the system property {@code property} sets it.
     */
    static int portOffset(String property, int distance) {
        int arquillianHttpPort = Integer.parseInt(System.getProperty("lakehouse.it.http.port", "8180"));
        return Integer.getInteger(property, arquillianHttpPort - 8080 + distance);
    }

    /** An empty directory at {@code directory}: what an earlier run left there is removed. */
    static Path freshDirectory(Path directory) throws Exception {
        ServerProvisioner.deleteRecursively(directory);
        return Files.createDirectories(directory);
    }

    void log(String message) {
        System.out.printf(
                "[%s %6.1f s] %s%n", getClass().getSimpleName(), (System.nanoTime() - started) / 1e9, message);
    }
}
