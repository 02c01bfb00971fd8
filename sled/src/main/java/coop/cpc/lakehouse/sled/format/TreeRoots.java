package coop.cpc.lakehouse.sled.format;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The Meta page (pid 0): {@code (tree name IVec, root pid varint)} pairs to the end of the payload. */
public final class TreeRoots {

    private TreeRoots() {}

    /** Tree names mapped to root pids, in sled's order (bytewise). */
    public static Map<byte[], Long> parse(byte[] payload) {
        ByteCursor cursor = new ByteCursor(payload);
        Map<byte[], Long> roots = new TreeMap<>(Arrays::compareUnsigned);
        while (cursor.hasRemaining()) {
            byte[] name = cursor.ivec();
            roots.put(name, cursor.varint());
        }
        return Collections.unmodifiableMap(roots);
    }
}
