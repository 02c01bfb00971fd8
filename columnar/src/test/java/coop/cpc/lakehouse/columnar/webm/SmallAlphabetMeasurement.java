package coop.cpc.lakehouse.columnar.webm;

import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.av1.Av1FormatException;
import coop.cpc.lakehouse.columnar.av1.SearchPreset;
import coop.cpc.lakehouse.columnar.encoding.ChunkEncoder;
import coop.cpc.lakehouse.columnar.encoding.EncodedChunk;
import coop.cpc.lakehouse.columnar.encoding.Encoding;
import coop.cpc.lakehouse.columnar.encoding.Transform;
import coop.cpc.lakehouse.columnar.encoding.TransformedStream;
import coop.cpc.lakehouse.columnar.encoding.bytes.DeflatedBytes;
import coop.cpc.lakehouse.columnar.encoding.dictionary.Dictionary;
import coop.cpc.lakehouse.columnar.encoding.rans.RansDictionary;
import coop.cpc.lakehouse.columnar.encoding.rans.StaticRans;
import coop.cpc.lakehouse.columnar.testdata.Dataset;
import coop.cpc.lakehouse.columnar.testdata.Datasets;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 sixth round, step 1: a measurement, not a test (surefire does not pick it up; run it with
 * {@code mvn -o -pl columnar test -Dtest=SmallAlphabetMeasurement}). For the benchmark's {@code finance.category}
 * and {@code finance.currency} ({@link Datasets#finance}, as the benchmark generates them, in four row
 * groups of 65,536 rows) it prints the order-0 entropy, a static rANS coding of the dictionary codes,
 * java.util.zip deflate of the codes and of code pairs, and the AV1 frame bytes of today's mapping and of the
 * coded bytes laid as 48-bit words in narrow planes (as DEFLATE_BYTES lays deflated text), every size also as a
 * ratio to the columnar benchmark's Parquet+zstd figure of the same column.
 */
class SmallAlphabetMeasurement {
    static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    static final int ROWS = 262_144;
    static final int GROUP = 65_536;

    /** The columnar benchmark's Parquet+zstd column sizes (DuckDB 1.4.4, zstd, row groups of 65,536). */
    static final long PARQUET_CATEGORY = 88_854;

    static final long PARQUET_CURRENCY = 46_786;

    @Test
    void measure() {
        Dataset finance = Datasets.finance(ROWS);
        Object[] category = finance.column("category");
        Object[] currency = finance.column("currency");
        for (int round = 0; round < 2; round++) {
            column("category", category, PARQUET_CATEGORY);
            column("currency", currency, PARQUET_CURRENCY);
        }
        alone("category", category);
        alone("currency", currency);
    }

    /** Today's writer and reader on the column alone, one thread, thread CPU time, best of 5 after 3 warm-ups. */
    private static void alone(String name, Object[] values) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long raw = 0;
        for (Object v : values) {
            raw += ((String) v).getBytes(StandardCharsets.UTF_8).length;
        }
        coop.cpc.lakehouse.columnar.Schema schema = coop.cpc.lakehouse.columnar.Schema.of(
                new coop.cpc.lakehouse.columnar.Column(name, ColumnType.of(ColumnType.Kind.STRING), false));
        long bestEncode = Long.MAX_VALUE;
        long bestDecode = Long.MAX_VALUE;
        try {
            for (int rep = 0; rep < 8; rep++) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                long t0 = cpu.getCurrentThreadCpuTime();
                try (coop.cpc.lakehouse.columnar.SegmentWriter w = coop.cpc.lakehouse.columnar.WebmColumnar.write(out)
                        .schema(schema)
                        .threads(1)
                        .build()) {
                    for (Object v : values) {
                        w.add(v);
                    }
                }
                long t1 = cpu.getCurrentThreadCpuTime();
                coop.cpc.lakehouse.columnar.WebmColumnar.read(out.toByteArray())
                        .threads(1)
                        .columns();
                long t2 = cpu.getCurrentThreadCpuTime();
                if (rep >= 3) {
                    bestEncode = Math.min(bestEncode, t1 - t0);
                    bestDecode = Math.min(bestDecode, t2 - t1);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.out.printf(
                "%s alone, today: encode %.1f MB/s (%.1f ns/value), decode %.1f MB/s (%.1f ns/value), CPU time%n",
                name,
                raw * 1e3 / bestEncode,
                bestEncode / (double) ROWS,
                raw * 1e3 / bestDecode,
                bestDecode / (double) ROWS);
    }

    /**
     * What narrow planes of near-random bytes cost AV1 per frame: random bytes (a seeded generator) as 48-bit words,
     * one frame of n bytes, FAST; the fit of frame bytes = a + b * n over the sizes gives the per-frame and the
     * per-byte overhead.
     */
    @Test
    void nearRandomBytesAsNarrowPlanes() {
        Random r = new Random(16);
        for (int n : new int[] {5_000, 11_000, 22_000, 44_000, 88_000}) {
            byte[] bytes = new byte[n];
            r.nextBytes(bytes);
            List<EncodedChunk> one = List.of(new EncodedChunk(
                    n,
                    0,
                    Encoding.DICTIONARY,
                    n,
                    List.of(Transform.cheapest(DeflatedBytes.words(bytes))),
                    null,
                    null,
                    null));
            long f = frames(one, SearchPreset.FAST);
            System.out.printf("random bytes %6d: frame %6d, %.4f x, %d bytes over%n", n, f, f / (double) n, f - n);
        }
    }

    private static void column(String name, Object[] values, long parquet) {
        double entropy = 0;
        long rans = 0;
        long[] deflated = new long[5];
        long ransEncodeNanos = 0;
        long ransDecodeNanos = 0;
        List<EncodedChunk> today = new ArrayList<>();
        List<EncodedChunk> separate = new ArrayList<>();
        List<EncodedChunk> wordsOnly = new ArrayList<>();
        List<EncodedChunk> blob = new ArrayList<>();
        long blobBytes = 0;
        for (int g = 0; g < ROWS / GROUP; g++) {
            Object[] v = Arrays.copyOfRange(values, g * GROUP, (g + 1) * GROUP);
            EncodedChunk now = ChunkEncoder.encode(ColumnType.of(ColumnType.Kind.STRING), v, 3);
            today.add(now);
            byte[][] b = new byte[v.length][];
            for (int i = 0; i < v.length; i++) {
                b[i] = ((String) v[i]).getBytes(StandardCharsets.UTF_8);
            }
            Dictionary.Encoded d = Dictionary.encode(b);
            int k = d.entries().length;
            long[] counts = new long[k];
            int[] codes = new int[v.length];
            for (int i = 0; i < v.length; i++) {
                codes[i] = (int) d.codes()[i];
                counts[codes[i]]++;
            }
            for (long c : counts) {
                entropy -= c * Math.log(c / (double) v.length) / Math.log(2) / 8;
            }
            int[] freq = StaticRans.frequencies(counts);
            byte[] coded = null;
            int[] back = null;
            long bestEncode = Long.MAX_VALUE;
            long bestDecode = Long.MAX_VALUE;
            for (int rep = 0; rep < 10; rep++) {
                long t0 = CPU.getCurrentThreadCpuTime();
                coded = StaticRans.encode(codes, freq);
                long t1 = CPU.getCurrentThreadCpuTime();
                back = StaticRans.decode(coded, 0, coded.length, codes.length, freq);
                long t2 = CPU.getCurrentThreadCpuTime();
                bestEncode = Math.min(bestEncode, t1 - t0);
                bestDecode = Math.min(bestDecode, t2 - t1);
            }
            if (!Arrays.equals(back, codes)) {
                throw new AssertionError("rANS round trip of " + name);
            }
            ransEncodeNanos += bestEncode;
            ransDecodeNanos += bestDecode;
            rans += coded.length;

            byte[] codeBytes = new byte[codes.length];
            for (int i = 0; i < codes.length; i++) {
                codeBytes[i] = (byte) codes[i];
            }
            byte[] pairs = new byte[codes.length / 2];
            for (int i = 0; i < pairs.length; i++) {
                pairs[i] = (byte) (codes[2 * i] * 16 + codes[2 * i + 1]);
            }
            deflated[0] += deflate(codeBytes, Deflater.HUFFMAN_ONLY);
            deflated[1] += deflate(codeBytes, Deflater.DEFAULT_STRATEGY);
            deflated[2] += deflate(pairs, Deflater.HUFFMAN_ONLY);
            deflated[3] += deflate(pairs, Deflater.DEFAULT_STRATEGY);
            // What DEFLATE_BYTES (no new decoder) would compress: the strings' bytes, level 6.
            deflated[4] += DeflatedBytes.deflate(b).length;

            // (a) counts, dictionary lengths and bytes as today's small streams, then the coded bytes as words.
            TransformedStream words = Transform.cheapest(DeflatedBytes.words(coded));
            List<TransformedStream> streams = List.of(
                    Transform.cheapest(counts),
                    now.streams().get(1),
                    now.streams().get(2),
                    words);
            separate.add(new EncodedChunk(now.rows(), 0, Encoding.DICTIONARY, coded.length, streams, null, null, null));
            wordsOnly.add(new EncodedChunk(now.rows(), 0, Encoding.DICTIONARY, 0, List.of(words), null, null, null));
            // (b) one stream: entry count, each entry (length, bytes, count) as varints, then the coded bytes
            // (the RANS_DICTIONARY layout of format version 4).
            byte[] whole = RansDictionary.encode(d.entries(), d.codes());
            blobBytes += whole.length;
            blob.add(new EncodedChunk(
                    now.rows(),
                    0,
                    Encoding.DICTIONARY,
                    whole.length,
                    List.of(Transform.cheapest(DeflatedBytes.words(whole))),
                    null,
                    null,
                    null));
        }
        long todayFrames = frames(today, SearchPreset.FAST);
        long separateFast = frames(separate, SearchPreset.FAST);
        long separateExact = frames(separate, SearchPreset.EXACT_PALETTES);
        long separateThorough = frames(separate, SearchPreset.THOROUGH);
        long wordsFrames = frames(wordsOnly, SearchPreset.FAST);
        long blobFrames = frames(blob, SearchPreset.FAST);
        System.out.printf("%s: Parquet+zstd %d%n", name, parquet);
        line(name, "order-0 entropy per row group", Math.round(entropy), parquet);
        line(name, "static rANS, 15-bit frequencies", rans, parquet);
        line(name, "deflate-9 Huffman only, one code per byte", deflated[0], parquet);
        line(name, "deflate-9 default, one code per byte", deflated[1], parquet);
        line(name, "deflate-9 Huffman only, code pairs per byte", deflated[2], parquet);
        line(name, "deflate-9 default, code pairs per byte", deflated[3], parquet);
        line(name, "deflate-6 of the strings' bytes (what DEFLATE_BYTES codes)", deflated[4], parquet);
        line(name, "AV1 frames today (FAST)", todayFrames, parquet);
        line(name, "AV1 rANS words + counts/dictionary streams, FAST", separateFast, parquet);
        line(name, "AV1 rANS words + counts/dictionary streams, EXACT_PALETTES", separateExact, parquet);
        line(name, "AV1 rANS words + counts/dictionary streams, THOROUGH", separateThorough, parquet);
        line(name, "AV1 rANS words alone (no dictionary), FAST", wordsFrames, parquet);
        line(name, "AV1 one stream: dictionary, counts, rANS bytes, FAST", blobFrames, parquet);
        System.out.printf(
                "%s: AV1 words alone / their bytes %.4f; one stream / its bytes (%d) %.4f%n",
                name, wordsFrames / (double) rans, blobBytes, blobFrames / (double) blobBytes);
        System.out.printf(
                "%s: rANS encode %.1f, decode %.1f ns/value; AV1 frame decode: today %.1f, one stream %.1f ns/value;"
                        + " frame encode: today %.1f, one stream %.1f ns/value%n",
                name,
                ransEncodeNanos / (double) ROWS,
                ransDecodeNanos / (double) ROWS,
                decodeNanos(today) / (double) ROWS,
                decodeNanos(blob) / (double) ROWS,
                encodeNanos(today) / (double) ROWS,
                encodeNanos(blob) / (double) ROWS);
    }

    private static void line(String column, String what, long bytes, long parquet) {
        System.out.printf("%s: %-60s %8d  %.4f x Parquet+zstd%n", column, what, bytes, bytes / (double) parquet);
    }

    private static long frames(List<EncodedChunk> chunks, SearchPreset preset) {
        TrackLayout layout = TrackLayout.of(chunks, 0, true, true);
        long total = 0;
        for (int i = 0; i < chunks.size(); i++) {
            total += Av1TrackCodec.encodeFrame(layout, i, preset).length;
        }
        return total;
    }

    /** Thread CPU time, best of 9 after 3 warm-ups: encoding every frame of the track, FAST. */
    private static long encodeNanos(List<EncodedChunk> chunks) {
        TrackLayout layout = TrackLayout.of(chunks, 0, true, true);
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 12; rep++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < chunks.size(); i++) {
                Av1TrackCodec.encodeFrame(layout, i, SearchPreset.FAST);
            }
            best = rep < 3 ? best : Math.min(best, CPU.getCurrentThreadCpuTime() - t0);
        }
        return best;
    }

    /** Thread CPU time, best of 9 after 3 warm-ups: decoding every frame of the track to samples. */
    private static long decodeNanos(List<EncodedChunk> chunks) {
        TrackLayout layout = TrackLayout.of(chunks, 0, true, true);
        List<byte[]> blocks = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            blocks.add(Av1TrackCodec.encodeFrame(layout, i, SearchPreset.FAST));
        }
        long best = Long.MAX_VALUE;
        try {
            Av1TrackCodec.Decoder decoder =
                    new Av1TrackCodec.Decoder(Av1TrackCodec.codecPrivate(layout), layout.width, layout.height);
            for (int rep = 0; rep < 12; rep++) {
                long t0 = CPU.getCurrentThreadCpuTime();
                for (byte[] b : blocks) {
                    decoder.decode(b);
                }
                best = rep < 3 ? best : Math.min(best, CPU.getCurrentThreadCpuTime() - t0);
            }
        } catch (Av1FormatException e) {
            throw new AssertionError(e);
        }
        return best;
    }

    private static int deflate(byte[] in, int strategy) {
        Deflater d = new Deflater(9, true);
        try {
            d.setStrategy(strategy);
            d.setInput(in);
            d.finish();
            int n = 0;
            byte[] buf = new byte[65536];
            while (!d.finished()) {
                n += d.deflate(buf);
            }
            return n;
        } finally {
            d.end();
        }
    }
}
