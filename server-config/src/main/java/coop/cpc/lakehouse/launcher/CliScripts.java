package coop.cpc.lakehouse.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The server-configuration CLI scripts of this module, in the order they are applied. */
final class CliScripts {
    /** Each name X has configure-X.cli and restore-X.cli; restore in reverse order. */
    static final List<String> ORDER = List.of(
            "postgresql-driver",
            "datasource",
            "batch",
            "observability",
            "servlet-errors",
            "jwt",
            "application-metrics");

    private static final String RESOURCE_DIR = "cli/";

    private CliScripts() {}

    /** Copies every configure and restore script into {@code directory}; returns the configure scripts in order. */
    static List<Path> extractTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (String name : ORDER) {
            for (String prefix : List.of("configure-", "restore-")) {
                String file = prefix + name + ".cli";
                try (InputStream in = open(file)) {
                    Files.copy(in, directory.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return ORDER.stream()
                .map(name -> directory.resolve("configure-" + name + ".cli"))
                .toList();
    }

    /** A digest of all scripts: a server provisioned with other scripts is provisioned again. */
    static String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String name : ORDER) {
                try (InputStream in = open("configure-" + name + ".cli")) {
                    digest.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream open(String file) throws IOException {
        InputStream in = CliScripts.class.getResourceAsStream(RESOURCE_DIR + file);
        if (in == null) {
            throw new IOException("CLI script " + file + " is missing from the launcher's class path");
        }
        return in;
    }
}
