package coop.cpc.lakehouse.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A server distribution zip (WildFly's {@code wildfly-dist}, Open Liberty's runtime): one top-level
 * folder holding the server, unpacked without that folder.
 */
final class ServerZip {
    private ServerZip() {}

    /**
     * Unpacks the single top-level folder of {@code zip} into {@code target}, refusing any entry that
     * would land outside it, and marks the files {@code executable} accepts (given their path below
     * the top folder) executable.
     */
    static void unpack(Path zip, Path target, Predicate<String> executable) throws IOException {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                String relative = name.substring(slash + 1);
                Path out = target.resolve(relative).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("Refusing zip entry outside the server folder: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                if (executable.test(relative)) {
                    out.toFile().setExecutable(true, false);
                }
            }
        }
    }
}
