package coop.cpc.lakehouse.it.oidc;

import coop.cpc.lakehouse.it.GraphQlClient;
import coop.cpc.lakehouse.it.ItDatabase;
import coop.cpc.lakehouse.it.OwnServer;
import coop.cpc.lakehouse.launcher.KillableWildFly;
import coop.cpc.lakehouse.launcher.ServerProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the OIDC tests set up alike: the Keycloak the build unpacked into target/keycloak, on
 * {@code lakehouse.it.keycloak.port}, and a WildFly of the test's own (200 ports above the Arquillian
 * server's) with a fresh catalog database, configured the way an operator plugs in a provider:
 * {@code jwt_issuer} = the realm's issuer, {@code jwt_public_key} = its JWKS URL.
 */
final class OidcServers {
    static final Path DIR = OwnServer.DIR;
    private static final int KEYCLOAK_PORT = Integer.getInteger("lakehouse.it.keycloak.port", 18480);

    private OidcServers() {}

    /** Starts Keycloak with {@code realm} imported; Keycloak needs a JDK {@value Keycloak#MIN_JAVA}+. */
    static Keycloak startKeycloak(Path realm) throws Exception {
        Path java = Keycloak.findJava()
                .orElseThrow(() ->
                        new AssertionError("No JDK " + Keycloak.MIN_JAVA + "+ for Keycloak: set KEYCLOAK_JAVA_HOME"));
        return Keycloak.start(keycloakHome(), java, KEYCLOAK_PORT, realm, Duration.ofMinutes(8));
    }

    /**
     * Creates the catalog database {@code catalog} and its segment folder target/{@code name}-webm afresh; the EAR
     * deployed on a WildFly in target/wildfly-{@code name}.
     */
    static KillableWildFly deployWildFly(String catalog, String name) throws Exception {
        ItDatabase.recreate(catalog);
        // The new catalog's segment folder: the one of the last run's catalog is marked as that catalog's.
        ServerProvisioner.deleteRecursively(DIR.resolve(name + "-webm"));
        return OwnServer.deploy(name, portOffset());
    }

    /**
     * Starts {@code server} trusting {@code keycloak}'s tokens (audience
     * {@code lakehouse}), with its segments and inbox under target/{@code name}-webm and -inbox and the
     * {@code extra} system properties; returns once GraphQL answers.
     */
    static void startTrusting(
            KillableWildFly server, Keycloak keycloak, String catalog, String name, Map<String, String> extra)
            throws Exception {
        Map<String, String> properties =
                OwnServer.properties(catalog, Files.createDirectories(DIR.resolve(name + "-webm")));
        properties.put(
                "data_lakehouse.local_source_roots",
                Files.createDirectories(DIR.resolve(name + "-inbox")).toString());
        properties.put("data_lakehouse.jwt_issuer", keycloak.issuer());
        properties.put("data_lakehouse.jwt_public_key", keycloak.jwksUrl());
        properties.put("data_lakehouse.jwt_audience", "lakehouse");
        properties.putAll(extra);
        server.start(properties);
        server.awaitGraphQl(GraphQlClient.PATH, Duration.ofMinutes(4));
    }

    /** The distribution the build unpacked into target/keycloak. */
    private static Path keycloakHome() throws Exception {
        try (Stream<Path> dirs = Files.list(DIR.resolve("keycloak"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("bin/kc.sh")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("No Keycloak under " + DIR.resolve("keycloak")));
        }
    }

    private static int portOffset() {
        int arquillianHttpPort = Integer.parseInt(System.getProperty("lakehouse.it.http.port", "8180"));
        return Integer.getInteger("lakehouse.it.oidc.port.offset", arquillianHttpPort - 8080 + 200);
    }
}
