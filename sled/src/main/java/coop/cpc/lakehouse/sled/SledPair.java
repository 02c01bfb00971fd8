package coop.cpc.lakehouse.sled;

import java.util.Arrays;
import java.util.HexFormat;

/** One key and its value, as stored in a tree. The arrays are owned by the caller. */
public record SledPair(byte[] key, byte[] value) {

    @Override
    public boolean equals(Object other) {
        return other instanceof SledPair that && Arrays.equals(key, that.key) && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "SledPair[key=" + HexFormat.of().formatHex(key) + ", value=" + value.length + " bytes]";
    }
}
