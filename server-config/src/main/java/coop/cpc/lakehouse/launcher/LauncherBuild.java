package coop.cpc.lakehouse.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** What the build recorded for the launcher: where Maven keeps the WildFly distribution, and the JDBC driver jar. */
record LauncherBuild(Path wildflyDist, String wildflyVersion, Path postgresqlDriverJar) {

    static LauncherBuild load() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LauncherBuild.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IOException("build.properties is missing: build the launcher with Maven");
            }
            properties.load(in);
        }
        Path dist = Path.of(properties.getProperty("wildfly.dist"));
        if (!Files.isRegularFile(dist)) {
            throw new IOException(
                    "The WildFly distribution " + dist + " is missing: run the build again (mvn install)");
        }
        return new LauncherBuild(dist, properties.getProperty("wildfly.version"), driverJar());
    }

    private static Path driverJar() throws IOException {
        try {
            return Path.of(org.postgresql.Driver.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IOException("Cannot locate the PostgreSQL driver jar", e);
        }
    }
}
