package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI scripts against a real WildFly: configure adds what the lakehouse needs, restore takes it away again. */
class CliScriptsIT {

    @TempDir
    Path dir;

    @Test
    void provisioningConfiguresTheServerAndEachRestoreScriptUndoesItsConfigureScript() throws Exception {
        LauncherBuild build = LauncherBuild.load();
        Path server = dir.resolve("wildfly");
        ServerProvisioner provisioner = new ServerProvisioner(build.wildflyDist(), build.postgresqlDriverJar());

        assertThat(provisioner.provision(server)).isTrue();
        String configured = Files.readString(server.resolve("standalone/configuration/standalone.xml"));
        assertThat(configured)
                .contains("<driver name=\"postgresql\" module=\"org.postgresql\">")
                .contains("<connection-url>${lakehouse.db.url}</connection-url>")
                .contains("<default-job-repository name=\"lakehouse\"/>")
                .contains("microprofile-health-smallrye")
                .contains("microprofile-jwt-smallrye")
                .contains("stack-trace-on-error=\"none\"")
                // What Undertow answers itself carries the security headers; no welcome page at "/".
                .contains("header-name=\"X-Content-Type-Options\" header-value=\"nosniff\"")
                .contains("<filter-ref name=\"lakehouse-x-frame-options\"/>")
                .doesNotContain("<location name=\"/\" handler=\"welcome-content\"/>")
                .contains("<prometheus-registry context=\"/metrics\" security-enabled=\"false\"/>")
                .doesNotContain("urn:wildfly:metrics:")
                .doesNotContain("lakehouse.db.password=");
        assertThat(Files.readString(server.resolve("bin/standalone.conf"))).contains("-Djboss.stability=community");
        assertThat(server.resolve("modules/org/postgresql/main/module.xml")).exists();
        // Boot logging at DEBUG would print every system property: the database password and secrets.
        assertThat(Files.readString(server.resolve("standalone/configuration/logging.properties")))
                .contains("logger.org.jboss.as.config.level=INFO")
                .doesNotContain("logger.org.jboss.as.config.level=DEBUG");
        assertThat(provisioner.provision(server))
                .as("an up-to-date server is reused")
                .isFalse();

        List<String> restoreOrder = new ArrayList<>(CliScripts.ORDER);
        Collections.reverse(restoreOrder);
        Path scripts = server.resolve("lakehouse-cli");
        for (String name : restoreOrder) {
            ServerProvisioner.runCli(
                    server, scripts.resolve("cli.properties"), scripts.resolve("restore-" + name + ".cli"));
        }

        String restored = Files.readString(server.resolve("standalone/configuration/standalone.xml"));
        assertThat(restored)
                .doesNotContain("LakehouseDS")
                .doesNotContain("org.postgresql")
                .doesNotContain("microprofile-health-smallrye")
                // WildFly's own standalone.xml has MicroProfile JWT: restore leaves it as the dist had it.
                .contains("microprofile-jwt-smallrye")
                .doesNotContain("lakehouse.jwt-subsystem-added")
                .doesNotContain("name=\"lakehouse\"")
                .doesNotContain("stack-trace-on-error")
                .doesNotContain("lakehouse-x-frame-options")
                .doesNotContain("X-Content-Type-Options")
                .contains("<location name=\"/\" handler=\"welcome-content\"/>")
                .doesNotContain("micrometer")
                .contains("urn:wildfly:metrics:")
                .contains("<default-job-repository name=\"in-memory\"/>");
        assertThat(server.resolve("modules/org/postgresql/main")).doesNotExist();
    }
}
