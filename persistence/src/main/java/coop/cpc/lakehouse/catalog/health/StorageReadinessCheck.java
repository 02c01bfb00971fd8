package coop.cpc.lakehouse.catalog.health;

import coop.cpc.lakehouse.config.InvalidConfigurationException;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the segment folder ({@code webm_storage_path}, read as the server reads it) is a folder the server
 * can write a block of data to and that has {@link #MIN_USABLE_BYTES} free: every write and read of table data
 * needs it. In the EAR's lib/ for the same reason as {@link CatalogReadinessCheck}. The answer names no path
 * (health is served without credentials); the server log does, once each time the folder turns short of space
 * ({@link LowSpaceWarning}).
 */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements HealthCheck {
    /**
     * Below this many usable bytes the folder counts as full: segment writes would soon fail with "no space left",
     * while an empty probe file (an inode, no data block) can still be created.
     */
    static final long MIN_USABLE_BYTES = 64L * 1024 * 1024;

    static final String LOW_SPACE = "less than " + MIN_USABLE_BYTES / (1024 * 1024) + " MiB free";

    private static final System.Logger LOG = System.getLogger(StorageReadinessCheck.class.getName());

    private final LowSpaceWarning lowSpace = new LowSpaceWarning(message -> LOG.log(Level.WARNING, message));

    /** One file-system block: writing it needs a free data block, which creating an empty file does not. */
    private static final int PROBE_BYTES = 4096;

    @Inject
    Config config;

    @Override
    public HealthCheckResponse call() {
        String problem;
        try {
            Path folder = folder(LakehouseSettings.lookupIn(config));
            problem = problem(folder);
            lowSpace.observe(LOW_SPACE.equals(problem), folder.toString());
        } catch (InvalidConfigurationException e) {
            problem = "invalid configuration";
        }
        return HealthCheckResponse.named("storage")
                .status(problem == null)
                .withData("webm_storage_path", problem == null ? "writable" : problem)
                .build();
    }

    /** The segment folder as the server's settings give it (trimmed, default applied). */
    static Path folder(Function<String, Optional<String>> lookup) {
        return LakehouseSettings.from(lookup).webmStoragePath();
    }

    /** The usable bytes of the file system that holds a folder. */
    @FunctionalInterface
    interface UsableSpace {
        long of(Path folder) throws IOException;
    }

    static String problem(Path folder) {
        return problem(folder, existing -> Files.getFileStore(existing).getUsableSpace());
    }

    /** @return what is wrong with the folder, or null when it has room and a block can be written and deleted in it */
    static String problem(Path folder, UsableSpace usableSpace) {
        if (!Files.exists(folder)) {
            return "missing";
        }
        if (!Files.isDirectory(folder)) {
            return "not a folder";
        }
        try {
            if (usableSpace.of(folder) < MIN_USABLE_BYTES) {
                return LOW_SPACE;
            }
            Path probe = Files.createTempFile(folder, ".readiness-", ".probe");
            try {
                Files.write(probe, new byte[PROBE_BYTES]);
            } finally {
                Files.delete(probe);
            }
            return null;
        } catch (IOException | SecurityException e) {
            return "not writable";
        }
    }
}
