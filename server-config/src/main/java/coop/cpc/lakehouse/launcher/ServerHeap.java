package coop.cpc.lakehouse.launcher;

import java.util.List;
import java.util.stream.Stream;

/**
 * The application server's heap (setting {@code server_heap_mb}), the same on WildFly and Open Liberty: committed
 * whole from the start ({@code -Xms} equal to {@code -Xmx}) with half of it the young generation ({@code -Xmn}); see
 * {@link WildFlyServer#standalone} for why.
 *
 * @param mebibytes the heap in MiB, as validated by the configuration (1024 to 65536)
 */
record ServerHeap(int mebibytes) {
    /** The heap when {@code server_heap_mb} is not set: 2 GiB, a 1 GiB young generation. */
    static final ServerHeap DEFAULT = new ServerHeap(2048);

    ServerHeap {
        if (mebibytes < 1024 || mebibytes > 65_536) {
            throw new IllegalArgumentException("server_heap_mb must be from 1024 to 65536 (MiB), not " + mebibytes);
        }
    }

    /** {@code -Xms}, {@code -Xmx} and {@code -Xmn}, in that order. */
    List<String> flags() {
        return List.of("-Xms" + mebibytes + "m", "-Xmx" + mebibytes + "m", "-Xmn" + mebibytes / 2 + "m");
    }

    /** Whether a JVM option sets the heap's size, which only this class may do. */
    static boolean isHeapFlag(String option) {
        return Stream.of("-Xms", "-Xmx", "-Xmn").anyMatch(option.strip()::startsWith);
    }
}
