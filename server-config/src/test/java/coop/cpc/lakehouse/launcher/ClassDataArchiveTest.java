package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {

    @TempDir
    Path server;

    @Test
    void aServerWithoutArchiveRecordsOneAndACleanStopAfterDeploymentKeepsIt() throws Exception {
        ClassDataArchive first = ClassDataArchive.of(server, "17.0.15+6-Debian-1deb12u1", true);
        Path recording = server.resolve("lakehouse-cds/jdk-17.0.15_6-Debian-1deb12u1.jsa.recording");

        assertThat(first.isRecording()).isTrue();
        assertThat(first.jvmOptions()).containsExactly("-XX:ArchiveClassesAtExit=" + recording, "-Xlog:cds=error");
        Files.writeString(recording, "classes"); // what the JVM writes as it exits
        first.serverExited(true);

        ClassDataArchive next = ClassDataArchive.of(server, "17.0.15+6-Debian-1deb12u1", true);
        assertThat(next.isRecording()).isFalse();
        assertThat(next.jvmOptions())
                .containsExactly(
                        "-XX:SharedArchiveFile=" + server.resolve("lakehouse-cds/jdk-17.0.15_6-Debian-1deb12u1.jsa"));
        assertThat(recording).doesNotExist();
    }

    @Test
    void theRecordingOfABootCutShortOrOfAKilledServerIsDropped() throws Exception {
        ClassDataArchive archive = ClassDataArchive.of(server, "17.0.15", true);
        archive.jvmOptions();
        Path recording = server.resolve("lakehouse-cds/jdk-17.0.15.jsa.recording");
        Files.writeString(recording, "some classes");

        archive.serverExited(false);

        assertThat(recording).doesNotExist();
        assertThat(archive.archive()).doesNotExist();
        assertThat(ClassDataArchive.of(server, "17.0.15", true).isRecording())
                .as("the next start records again")
                .isTrue();
    }

    @Test
    void eachJdkBuildHasItsOwnArchive() throws Exception {
        ClassDataArchive jdk17 = ClassDataArchive.of(server, "17.0.15", true);
        jdk17.jvmOptions();
        Files.writeString(server.resolve("lakehouse-cds/jdk-17.0.15.jsa.recording"), "classes");
        jdk17.serverExited(true);

        assertThat(ClassDataArchive.of(server, "25.0.1", true).isRecording()).isTrue();
    }

    @Test
    void isOffWhenDisabledOrWhenItsPathHasSpacesThatStandaloneShWouldSplit() {
        assertThat(ClassDataArchive.of(server, "17.0.15", false).jvmOptions()).isEmpty();
        assertThat(ClassDataArchive.of(server, "17.0.15", false).isRecording()).isFalse();
        assertThat(ClassDataArchive.of(server.resolve("my server"), "17.0.15", true)
                        .jvmOptions())
                .isEmpty();
    }
}
