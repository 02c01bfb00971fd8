package coop.cpc.lakehouse.catalog.health;

import java.util.function.Consumer;

/**
 * Warns once each time the segment folder turns short of space, not at every readiness probe: /health names no
 * path and says only "less than 64 MiB free", so the server log is where an operator learns which folder it is.
 */
final class LowSpaceWarning {
    private final Consumer<String> warn;
    private boolean low;

    LowSpaceWarning(Consumer<String> warn) {
        this.warn = warn;
    }

    /** Records one probe's answer; warns when the folder is short of space and was not at the previous probe. */
    synchronized void observe(boolean shortOfSpace, String folder) {
        if (shortOfSpace && !low) {
            warn.accept("Storage readiness is DOWN: the segment folder " + folder + " has less than "
                    + StorageReadinessCheck.MIN_USABLE_BYTES / (1024 * 1024)
                    + " MiB usable; it stays DOWN until space is freed");
        }
        low = shortOfSpace;
    }
}
