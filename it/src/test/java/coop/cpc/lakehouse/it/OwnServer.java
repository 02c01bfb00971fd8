package coop.cpc.lakehouse.it;

import coop.cpc.lakehouse.launcher.KillableWildFly;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WildFly of a test's own, beside the Arquillian one, for tests that kill, restart or configure a
 * server differently: a copy of the build's target/wildfly with the EAR deployed, on a catalog database
 * of its own in the tests' PostgreSQL.
 */
public final class OwnServer {
    public static final Path DIR =
            Path.of(System.getProperty("lakehouse.it.dir", "target")).toAbsolutePath();

    private OwnServer() {}

    /** Copies target/wildfly to target/wildfly-{@code name} (ports {@code portOffset} up) and deploys the EAR there. */
    public static KillableWildFly deploy(String name, int portOffset) throws Exception {
        KillableWildFly server =
                KillableWildFly.copyOf(DIR.resolve("wildfly"), DIR.resolve("wildfly-" + name), portOffset);
        server.deploy(DIR.resolve("lakehouse.ear"));
        return server;
    }

    /** The server's catalog database and segment folder, in a map the test adds its own settings to. */
    public static Map<String, String> properties(String catalog, Path storage) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("lakehouse.db.url", ItDatabase.url(catalog));
        properties.put("lakehouse.db.user", "postgres");
        properties.put("data_lakehouse.webm_storage_path", storage.toString());
        return properties;
    }
}
