package coop.cpc.lakehouse.columnar.encoding.bytes;

import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The words stream of the DEFLATE_BYTES encoding (section 5.1, format version 3): the values' bytes, one
 * after the other, as one raw deflate stream (RFC 1951, level 6, no zlib header), its bytes packed big-endian
 * into 48-bit words (the last one padded with zero bytes). Compressed bytes are near-random, so 48-bit words
 * take narrow planes (section 5.3), which lossless AV1 codes within about 1 % of their size.
 */
public final class DeflatedBytes {
    /** Bytes per word. */
    public static final int WORD_BYTES = 6;

    /**
     * Deflate's largest expansion: a 258-byte match coded in 2 bits, 1,032 bytes per compressed byte. Lengths
     * adding up to more than this times the compressed length cannot be right, whatever the bytes say.
     */
    static final int MAX_INFLATION = 1032;

    /**
     * The values' bytes of one chunk at most (section 6.1): Java's largest array. Deflated words, not these bytes,
     * take the frame's samples, so the 2^28 samples bound of {@link ChunkDescriptor#MAX_STREAM_LENGTH} does not
     * apply to them.
     */
    public static final int MAX_TOTAL_BYTES = Integer.MAX_VALUE - 8;

    private DeflatedBytes() {}

    /** The raw deflate stream of the values' bytes concatenated. */
    public static byte[] deflate(byte[][] values) {
        int total = 0;
        for (byte[] v : values) {
            total = Math.addExact(total, v.length);
        }
        byte[] plain = new byte[total];
        int p = 0;
        for (byte[] v : values) {
            System.arraycopy(v, 0, plain, p, v.length);
            p += v.length;
        }
        Deflater deflater = new Deflater(6, true);
        try {
            deflater.setInput(plain);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, total / 4));
            byte[] buf = new byte[16384];
            while (!deflater.finished()) {
                int n = deflater.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** The compressed bytes as 48-bit big-endian words. */
    public static long[] words(byte[] compressed) {
        long[] words = new long[(compressed.length + WORD_BYTES - 1) / WORD_BYTES];
        for (int i = 0; i < compressed.length; i++) {
            int w = i / WORD_BYTES;
            words[w] = (words[w] << 8) | (compressed[i] & 0xFF);
        }
        int tail = compressed.length % WORD_BYTES;
        if (tail != 0) {
            words[words.length - 1] <<= 8 * (WORD_BYTES - tail);
        }
        return words;
    }

    /**
     * The {@code length} bytes packed in these words, as {@link #words} packs them. Refuses with an
     * IllegalArgumentException naming the problem words that do not hold exactly that many bytes: another number of
     * words, a word above 2^48, padding after the last byte that is not zero.
     */
    public static byte[] unpack(long[] words, int length) {
        if (length < 0 || words.length != (length + (long) WORD_BYTES - 1) / WORD_BYTES) {
            throw new IllegalArgumentException(words.length + " words do not hold " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        for (int w = 0; w < words.length; w++) {
            long x = words[w];
            if (x >>> 48 != 0) {
                throw new IllegalArgumentException("word " + w + " above 2^48");
            }
            for (int k = 0; k < WORD_BYTES; k++) {
                byte b = (byte) (x >>> (8 * (WORD_BYTES - 1 - k)));
                int i = w * WORD_BYTES + k;
                if (i < length) {
                    bytes[i] = b;
                } else if (b != 0) {
                    throw new IllegalArgumentException("padding after the last byte is not zero");
                }
            }
        }
        return bytes;
    }

    /**
     * The values back from their lengths, the words and the compressed length; null when they do not agree:
     * a word wider than 48 bits, padding that is not zero, a deflate stream that is malformed, does not end
     * exactly at the compressed length or does not inflate to exactly the sum of the lengths, and lengths adding
     * up to more than the compressed bytes can inflate to ({@link #MAX_INFLATION}) or than one array holds
     * ({@link #MAX_TOTAL_BYTES}), checked before anything is allocated for them.
     */
    public static byte[][] values(long[] lengths, long[] words, int compressedLength) {
        if (compressedLength < 0 || words.length != (compressedLength + WORD_BYTES - 1) / WORD_BYTES) {
            return null;
        }
        long limit = Math.min(MAX_TOTAL_BYTES, (long) MAX_INFLATION * compressedLength);
        long total = 0;
        for (long len : lengths) {
            if (len < 0 || len > limit - total) {
                return null;
            }
            total += len;
        }
        byte[] compressed;
        try {
            compressed = unpack(words, compressedLength);
        } catch (IllegalArgumentException e) {
            return null;
        }
        byte[] plain = new byte[(int) total];
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(compressed);
            int n = 0;
            while (n < plain.length && !inflater.finished()) {
                int got = inflater.inflate(plain, n, plain.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null;
                }
                n += got;
            }
            // The stream must end exactly here: no byte more to inflate and no input left over.
            if (n != plain.length
                    || inflater.inflate(new byte[1]) != 0
                    || !inflater.finished()
                    || inflater.getRemaining() != 0) {
                return null;
            }
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
        byte[][] out = new byte[lengths.length][];
        int p = 0;
        for (int i = 0; i < lengths.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(plain, p, p + (int) lengths[i]);
            p += (int) lengths[i];
        }
        return out;
    }
}
