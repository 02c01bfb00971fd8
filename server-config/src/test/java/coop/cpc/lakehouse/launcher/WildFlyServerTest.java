package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WildFlyServerTest {
    @TempDir
    Path dir;

    @Test
    void wildFlyGetsATwoGigabyteHeapWithAOneGigabyteYoungGenerationBeforeTheCallersOptions() {
        List<String> sizing = sizing(List.of("-XX:SharedArchiveFile=/tmp/a.jsa"));

        assertThat(sizing)
                .containsSubsequence("-Xms2g", "-Xmx2g", "-Xmn1g", "-XX:SharedArchiveFile=/tmp/a.jsa")
                .endsWith("-XX:SharedArchiveFile=/tmp/a.jsa");
    }

    @Test
    void wildFlyAndOpenLibertyRunWithTheSameHeap() throws IOException {
        List<String> wildFly = heapFlags(sizing(List.of()));
        List<String> liberty;
        try (InputStream in = LibertyServer.class.getResourceAsStream("liberty/jvm.options")) {
            liberty = heapFlags(Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
        }

        assertThat(wildFly).isNotEmpty().isEqualTo(liberty);
    }

    private List<String> sizing(List<String> jvmOptions) {
        ProcessBuilder builder = WildFlyServer.standalone(
                dir, dir.resolve("server.properties"), dir.resolve("console.log"), jvmOptions, "-Dport=1");
        return List.of(builder.environment().get("JBOSS_JAVA_SIZING").split(" "));
    }

    /** The heap's size flags ({@code -Xms}, {@code -Xmx}, {@code -Xmn}) in their order. */
    private static List<String> heapFlags(List<String> options) {
        return options.stream()
                .map(String::strip)
                .filter(o -> o.startsWith("-Xms") || o.startsWith("-Xmx") || o.startsWith("-Xmn"))
                .toList();
    }
}
