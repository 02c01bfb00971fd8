package coop.cpc.lakehouse.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One column's text values as Strings, handing back the String made earlier when a short value repeats: a
 * column of few values (a category, a currency, a status) then gives a few String objects instead of one per
 * row, and what the segment writer does with each value (hashing it to sort by the column and to count its
 * dictionary, checking it is well-formed) meets an object it has met before. Each String equals the one
 * {@code new String} makes of the same text (the same decoding; two equal texts give equal Strings).
 *
 * <p>Bounded: at most {@value #MAX_ENTRIES} values of at most {@value #MAX_LENGTH} bytes or characters are
 * kept (the table starts again when full). A column where fewer than half the values of a window of
 * {@value #WINDOW} repeat one kept stops looking for {@value #PAUSE} values (free text, ids: then each value
 * costs one counter more than before), then tries again. Not thread-safe: one per column of one reader.
 */
public final class RepeatedStrings {
    static final int MAX_LENGTH = 32;
    static final int MAX_ENTRIES = 64;
    static final int WINDOW = 1024;
    static final int PAUSE = 64 * 1024;
    private static final int SLOTS = 2 * MAX_ENTRIES;

    private final String[] strings = new String[SLOTS];
    private final byte[][] utf8 = new byte[SLOTS][];
    private int entries;
    private int lookups;
    private int hits;
    private int paused;

    /** The UTF-8 text {@code b[offset, offset + length)} as {@code new String(b, offset, length, UTF_8)} gives it. */
    public String decode(byte[] b, int offset, int length) {
        if (length > MAX_LENGTH || !looking()) {
            return new String(b, offset, length, StandardCharsets.UTF_8);
        }
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + b[i];
        }
        int slot = slot(h);
        byte[] kept;
        while ((kept = utf8[slot]) != null) {
            if (Arrays.equals(kept, 0, kept.length, b, offset, offset + length)) {
                hits++;
                return strings[slot];
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
        String s = new String(b, offset, length, StandardCharsets.UTF_8);
        slot = makeRoom(slot, h, true);
        utf8[slot] = Arrays.copyOfRange(b, offset, offset + length);
        strings[slot] = s;
        return s;
    }

    /** The characters {@code c[offset, offset + length)} as {@code new String(c, offset, length)} gives them. */
    public String of(char[] c, int offset, int length) {
        if (length > MAX_LENGTH || !looking()) {
            return new String(c, offset, length);
        }
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + c[i];
        }
        int slot = slot(h);
        String kept;
        while ((kept = strings[slot]) != null) {
            if (sameChars(kept, c, offset, length)) {
                hits++;
                return kept;
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
        String s = new String(c, offset, length);
        slot = makeRoom(slot, h, false);
        strings[slot] = s;
        return s;
    }

    /** Whether values are looked up now (package-private for tests). */
    boolean looking() {
        if (paused > 0) {
            paused--;
            return false;
        }
        if (lookups == WINDOW) {
            boolean repeating = 2 * hits >= lookups;
            lookups = 0;
            hits = 0;
            if (!repeating) {
                paused = PAUSE - 1;
                return false;
            }
        }
        lookups++;
        return true;
    }

    private static int slot(int hash) {
        return (hash * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(SLOTS));
    }

    /** The free slot for a new entry: {@code free}, or after clearing a full table, the hash's own slot. */
    private int makeRoom(int free, int hash, boolean bytes) {
        if (entries < MAX_ENTRIES) {
            entries++;
            return free;
        }
        Arrays.fill(strings, null);
        if (bytes) {
            Arrays.fill(utf8, null);
        }
        entries = 1;
        return slot(hash);
    }

    private static boolean sameChars(String s, char[] c, int offset, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != c[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
