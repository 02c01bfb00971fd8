package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WildFlyServerTest {
    @TempDir
    Path dir;

    @Test
    void wildFlyGetsATwoGigabyteHeapWithAOneGigabyteYoungGenerationBeforeTheCallersOptions() {
        List<String> sizing = sizing(ServerHeap.DEFAULT, List.of("-XX:SharedArchiveFile=/tmp/a.jsa"));

        assertThat(sizing)
                .containsSubsequence("-Xms2048m", "-Xmx2048m", "-Xmn1024m", "-XX:SharedArchiveFile=/tmp/a.jsa")
                .endsWith("-XX:SharedArchiveFile=/tmp/a.jsa");
    }

    @Test
    void wildFlyGetsTheConfiguredHeap() {
        assertThat(heapFlags(sizing(new ServerHeap(6144), List.of())))
                .containsExactly("-Xms6144m", "-Xmx6144m", "-Xmn3072m");
    }

    /**
     * standalone.conf drops JBOSS_JAVA_SIZING, and its own defaults, whenever JAVA_OPTS is set: the caller's options
     * go into the sizing instead, last, so they reach the server.
     */
    @Test
    void aJavaOptsOfTheLaunchersEnvironmentComesLastInTheSizing() {
        Map<String, String> environment = new HashMap<>(
                Map.of("JAVA_OPTS", " -Djavax.net.ssl.trustStore=/etc/t.jks  -Dx=1 ", "HOME", "/home/op"));

        WildFlyServer.sizeJvm(environment, ServerHeap.DEFAULT, List.of());

        assertThat(environment).doesNotContainKey("JAVA_OPTS").containsEntry("HOME", "/home/op");
        assertThat(environment.get("JBOSS_JAVA_SIZING"))
                .startsWith("-Xms2048m -Xmx2048m -Xmn1024m ")
                .endsWith(" -Djavax.net.ssl.trustStore=/etc/t.jks -Dx=1");
    }

    /** -Xms2048m with the caller's -Xmx512m would stop the JVM: a caller who sizes the heap sizes it alone. */
    @Test
    void aHeapFlagInJavaOptsReplacesTheLaunchersHeapFlags() {
        Map<String, String> environment = new HashMap<>(Map.of("JAVA_OPTS", "-Xmx512m"));

        WildFlyServer.sizeJvm(environment, ServerHeap.DEFAULT, List.of());

        assertThat(environment.get("JBOSS_JAVA_SIZING"))
                .isEqualTo("-XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m -Xmx512m");
    }

    @Test
    void withoutJavaOptsTheSizingIsTheLaunchersAlone() {
        Map<String, String> environment = new HashMap<>();

        WildFlyServer.sizeJvm(environment, ServerHeap.DEFAULT, List.of());

        assertThat(environment.get("JBOSS_JAVA_SIZING"))
                .isEqualTo("-Xms2048m -Xmx2048m -Xmn1024m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m");
    }

    @Test
    void wildFlyAndOpenLibertyRunWithTheSameHeap() throws IOException {
        ServerHeap heap = new ServerHeap(3000);
        List<String> wildFly = heapFlags(sizing(heap, List.of()));
        List<String> liberty;
        try (InputStream in = LibertyServer.class.getResourceAsStream("liberty/jvm.options")) {
            String written = LibertyServer.jvmOptions(new String(in.readAllBytes(), StandardCharsets.UTF_8), heap);
            liberty = heapFlags(Arrays.asList(written.split("\n")));
        }

        assertThat(wildFly).isNotEmpty().isEqualTo(liberty);
    }

    private ProcessBuilder builder(ServerHeap heap, List<String> jvmOptions) {
        return WildFlyServer.standalone(
                dir, dir.resolve("server.properties"), dir.resolve("console.log"), heap, jvmOptions, "-Dport=1");
    }

    private List<String> sizing(ServerHeap heap, List<String> jvmOptions) {
        return List.of(
                builder(heap, jvmOptions).environment().get("JBOSS_JAVA_SIZING").split(" "));
    }

    /** The heap's size flags ({@code -Xms}, {@code -Xmx}, {@code -Xmn}) in their order. */
    private static List<String> heapFlags(List<String> options) {
        return options.stream()
                .filter(ServerHeap::isHeapFlag)
                .map(String::strip)
                .toList();
    }
}
