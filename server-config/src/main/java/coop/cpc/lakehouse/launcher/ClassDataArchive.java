package coop.cpc.lakehouse.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A class data sharing archive of the server JVM (JDK dynamic CDS): the classes WildFly and the
 * deployment loaded, parsed and verified once and mapped from a file by later starts, which cuts
 * about a third of the CPU a warm start costs. The first start that deploys the lakehouse and is
 * stopped cleanly records it as the JVM exits; a start that is stopped while booting, killed or
 * that failed records nothing usable, and the next one records again. One archive per JDK build:
 * the JVM refuses an archive of another build.
 */
final class ClassDataArchive {
    /** Launcher system property: {@code false} turns the archive off (tests that stop servers mid-boot). */
    static final String ENABLED_PROPERTY = "lakehouse.launcher.class-data-archive";

    private final Path archive;
    private final Path recording;
    private final boolean enabled;

    private ClassDataArchive(Path archive, boolean enabled) {
        this.archive = archive;
        this.recording = archive.resolveSibling(archive.getFileName() + ".recording");
        this.enabled = enabled;
    }

    /** The archive of {@code serverHome} for the JDK that runs the launcher (and the server). */
    static ClassDataArchive of(Path serverHome) {
        return of(serverHome, Runtime.version().toString(), !"false".equals(System.getProperty(ENABLED_PROPERTY)));
    }

    static ClassDataArchive of(Path serverHome, String jdkVersion, boolean enabled) {
        Path archive = serverHome
                .toAbsolutePath()
                .resolve("lakehouse-cds")
                .resolve("jdk-" + jdkVersion.replaceAll("[^A-Za-z0-9._-]", "_") + ".jsa");
        // standalone.sh splits JAVA_OPTS on spaces.
        return new ClassDataArchive(archive, enabled && !archive.toString().matches(".*\\s.*"));
    }

    /** The server JVM's options for this start: map the archive, or record one when there is none. */
    List<String> jvmOptions() {
        if (!enabled) {
            return List.of();
        }
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        try {
            Files.createDirectories(archive.getParent());
            Files.deleteIfExists(recording);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Recording warns about every class it leaves out: keep the console log readable.
        return List.of("-XX:ArchiveClassesAtExit=" + recording, "-Xlog:cds=error");
    }

    /** @return whether this start records the archive, which lengthens the server's exit once */
    boolean isRecording() {
        return enabled && !Files.isRegularFile(archive);
    }

    /**
     * Keeps what the server recorded when it had deployed the lakehouse and exited cleanly; a
     * recording of a boot cut short holds too few classes to be worth keeping.
     */
    void serverExited(boolean deployedAndStoppedCleanly) throws IOException {
        if (!Files.isRegularFile(recording)) {
            return;
        }
        if (deployedAndStoppedCleanly) {
            Files.move(recording, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.delete(recording);
        }
    }

    Path archive() {
        return archive;
    }
}
