package coop.cpc.lakehouse.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where Maven put the Open Liberty runtime zip, and which version it is (build.properties). */
record LibertyBuild(Path runtimeZip, String version) {

    static LibertyBuild load() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LibertyBuild.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IOException("build.properties is missing: build the launcher with Maven");
            }
            properties.load(in);
        }
        Path zip = Path.of(properties.getProperty("openliberty.runtime"));
        if (!Files.isRegularFile(zip)) {
            throw new IOException("The Open Liberty runtime " + zip + " is missing: run the build again (mvn install)");
        }
        return new LibertyBuild(zip, properties.getProperty("openliberty.version"));
    }
}
