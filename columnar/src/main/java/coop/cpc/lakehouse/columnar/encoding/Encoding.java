package coop.cpc.lakehouse.columnar.encoding;

/**
 * How a chunk's values become integer streams (docs/format/webm-columnar.md section 5.1).
 * The wire ids are stable: never renumber, only add.
 */
public enum Encoding {
    INTEGER(0),
    DECIMAL_SCALED(1),
    FLOAT_BITS(2),
    DICTIONARY(3),
    LENGTH_BYTES(4),
    INT_DICTIONARY(5),
    /** Format version 3: lengths, then the values' bytes deflated and packed into 48-bit words. */
    DEFLATE_BYTES(6),
    /**
     * Format version 4: one stream of 48-bit words holding the dictionary with each entry's count, then the codes
     * coded by static rANS with frequencies from those counts.
     */
    RANS_DICTIONARY(7);

    private final int wireId;

    Encoding(int wireId) {
        this.wireId = wireId;
    }

    public int wireId() {
        return wireId;
    }

    /** The encoding with this wire id, or null. */
    public static Encoding fromWireId(long id) {
        for (Encoding e : values()) {
            if (e.wireId == id) {
                return e;
            }
        }
        return null;
    }
}
