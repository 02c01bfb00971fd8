package coop.cpc.lakehouse.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code <data folder>.launcher.pid} beside an embedded PostgreSQL data folder: the launcher that runs that
 * database, as its process id and start time (the start time tells a live launcher from an unrelated process that
 * reuses the pid of one that was killed). Keyed by the data folder, not by {@code var/}: launchers of other data
 * folders in the same checkout (Liberty on its own data, an external catalog) neither write nor remove it.
 * Written when the launcher starts that database; removed when its JVM exits, only if it still names this launcher.
 */
final class LauncherPidFile {

    private LauncherPidFile() {}

    /** The record of the launcher of the embedded PostgreSQL in {@code dataFolder}. */
    static Path of(Path dataFolder) {
        Path data = dataFolder.toAbsolutePath().normalize();
        return data.resolveSibling(data.getFileName() + ".launcher.pid");
    }

    /** Records the current process as the launcher of the database in {@code dataFolder}. */
    static void record(Path dataFolder) throws IOException {
        Path file = of(dataFolder);
        Files.createDirectories(file.getParent());
        String own = line(ProcessHandle.current());
        Files.writeString(file, own, StandardCharsets.UTF_8);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> removeIfOwn(file, own), "launcher-pid-file"));
    }

    private static void removeIfOwn(Path file, String own) {
        try {
            if (own.equals(Files.readString(file, StandardCharsets.UTF_8))) {
                Files.delete(file);
            }
        } catch (IOException gone) {
            // Removed or rewritten meanwhile: nothing of ours to remove.
        }
    }

    /** The launcher recorded for {@code dataFolder} if it is still running and is not this process. */
    static Optional<ProcessHandle> runningOther(Path dataFolder) {
        String[] fields;
        try {
            fields = Files.readString(of(dataFolder), StandardCharsets.UTF_8)
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
