package coop.cpc.lakehouse.ingest.files;

/**
 * Unicode's table of well-formed UTF-8 byte sequences (Unicode 15, table 3-7), which is what the JDK's UTF-8
 * decoder accepts with {@code REPORT}: a lead byte gives the number of continuation bytes, and the first of them
 * has a narrower range after E0 (no overlong forms), ED (no surrogates), F0 (no overlong forms) and F4 (nothing
 * past U+10FFFF); every other continuation byte is 80..BF.
 */
final class Utf8Sequences {
    private Utf8Sequences() {}

    /** Continuation bytes after {@code lead} (unsigned, 80..FF), or -1 if it cannot start a sequence. */
    static int continuations(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 1;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 2;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 3;
        }
        return -1;
    }

    /** Whether {@code b} (unsigned) may follow {@code lead} as continuation byte number {@code k} (0-based). */
    static boolean continues(int lead, int k, int b) {
        int lo = 0x80;
        int hi = 0xBF;
        if (k == 0) {
            if (lead == 0xE0) {
                lo = 0xA0;
            } else if (lead == 0xED) {
                hi = 0x9F;
            } else if (lead == 0xF0) {
                lo = 0x90;
            } else if (lead == 0xF4) {
                hi = 0x8F;
            }
        }
        return b >= lo && b <= hi;
    }
}
