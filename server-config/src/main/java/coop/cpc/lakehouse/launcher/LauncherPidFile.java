package coop.cpc.lakehouse.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code var/launcher.pid}: the launcher that runs on this var folder, as its process id and start time (the
 * start time tells a live launcher from an unrelated process that reuses the pid of one that was killed).
 * Written once the launcher's ports are checked, removed when its JVM exits normally or on a signal.
 */
final class LauncherPidFile {

    static final String NAME = "launcher.pid";

    private LauncherPidFile() {}

    /** Records the current process as the launcher of {@code varDirectory}. */
    static void record(Path varDirectory) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        Files.createDirectories(varDirectory);
        Path file = varDirectory.resolve(NAME);
        Files.writeString(file, line(self), StandardCharsets.UTF_8);
        file.toFile().deleteOnExit();
    }

    /** The launcher recorded in {@code varDirectory} if it is still running and is not this process. */
    static Optional<ProcessHandle> runningOther(Path varDirectory) {
        String[] fields;
        try {
            fields = Files.readString(varDirectory.resolve(NAME), StandardCharsets.UTF_8)
                    .trim()
                    .split(" ");
        } catch (IOException none) {
            return Optional.empty();
        }
        if (fields.length != 2) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(fields[0]);
            long started = Long.parseLong(fields[1]);
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p ->
                            p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == started);
        } catch (NumberFormatException corrupt) {
            return Optional.empty();
        }
    }

    /** "pid startMillis" of a process, as {@link #record} writes it. */
    static String line(ProcessHandle process) {
        return process.pid() + " "
                + process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) + "\n";
    }
}
