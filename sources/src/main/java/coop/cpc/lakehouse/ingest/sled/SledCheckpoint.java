package coop.cpc.lakehouse.ingest.sled;

import java.io.Serializable;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * How far a sled read got: the tree and key of the last pair handed to the sink (as a row or a
 * rejected record). Trees are read in a fixed order and keys in sled's byte order, so a reader
 * opened at a checkpoint goes on with the first key after it, then the following trees.
 *
 * @param tree       the tree of the last pair, or null before the first pair
 * @param lastKeyHex that pair's key in lower-case hex, or null before the first pair
 */
public record SledCheckpoint(String tree, String lastKeyHex) implements Serializable {

    /** Nothing read yet. */
    public static final SledCheckpoint START = new SledCheckpoint(null, null);

    private static final Pattern HEX = Pattern.compile("(?:[0-9a-f]{2})*");

    public SledCheckpoint {
        if ((tree == null) != (lastKeyHex == null)) {
            throw new IllegalArgumentException("a sled checkpoint has both a tree and a key, or neither");
        }
        if (lastKeyHex != null && !HEX.matcher(lastKeyHex).matches()) {
            throw new IllegalArgumentException("sled checkpoint key is not lower-case hex bytes: '" + lastKeyHex + "'");
        }
    }

    /** The checkpoint after the pair with this key in this tree. */
    public static SledCheckpoint after(String tree, byte[] key) {
        return new SledCheckpoint(tree, HexFormat.of().formatHex(key));
    }

    public boolean isStart() {
        return tree == null;
    }

    /** The last key as bytes; a fresh array. */
    public byte[] lastKey() {
        return lastKeyHex == null ? null : HexFormat.of().parseHex(lastKeyHex);
    }
}
