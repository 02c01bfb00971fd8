package coop.cpc.lakehouse.columnar.av1;

/**
 * Lossless AV1 encoder for monochrome frames of 8, 10 or 12-bit samples (see the package documentation for
 * the exact subset). Not thread-safe; one instance per thread.
 */
public final class Av1LosslessEncoder {
    private final SequenceHeader sequenceHeader;
    private final byte[] sequenceHeaderObu;
    private final int bitDepth;
    private SearchPreset preset = SearchPreset.FAST;

    /** bitDepth 8, 10 or 12; frames of any size up to maxWidth x maxHeight (each 1..65536). */
    public Av1LosslessEncoder(int maxWidth, int maxHeight, int bitDepth) {
        if (bitDepth != 8 && bitDepth != 10 && bitDepth != 12) {
            throw new IllegalArgumentException("bitDepth must be 8, 10 or 12, not " + bitDepth);
        }
        if (maxWidth < 1 || maxWidth > 65536 || maxHeight < 1 || maxHeight > 65536) {
            throw new IllegalArgumentException(
                    "max frame size must be 1..65536 each, not " + maxWidth + "x" + maxHeight);
        }
        this.bitDepth = bitDepth;
        this.sequenceHeader = SequenceHeader.of(maxWidth, maxHeight, bitDepth);
        this.sequenceHeaderObu = Obu.wrap(Obu.SEQUENCE_HEADER, sequenceHeader.payload());
    }

    /** The search preset of the frames encoded from now on (default {@link SearchPreset#FAST}); returns this. */
    public Av1LosslessEncoder searchPreset(SearchPreset preset) {
        this.preset = java.util.Objects.requireNonNull(preset, "preset");
        return this;
    }

    /** One complete sequence header OBU (obu_has_size_field = 1). */
    public byte[] sequenceHeaderObu() {
        return sequenceHeaderObu.clone();
    }

    /**
     * The Matroska/ISOBMFF 'av1C' AV1CodecConfigurationRecord (marker and version 0x81, profile/level,
     * tier/bit depth/monochrome/subsampling flags, no initial presentation delay) followed by
     * {@link #sequenceHeaderObu()}.
     */
    public byte[] codecConfigurationRecord() {
        byte[] record = new byte[4 + sequenceHeaderObu.length];
        CodecConfiguration.writeHeader(sequenceHeader, record);
        System.arraycopy(sequenceHeaderObu, 0, record, 4, sequenceHeaderObu.length);
        return record;
    }

    /**
     * Encodes one key frame (show_frame = 1): samples row-major, {@code samples[y * width + x]} in
     * {@code [0, 2^bitDepth)}. Returns one OBU_FRAME (obu_has_size_field = 1) without temporal delimiter and
     * without sequence header. A size other than the maximum is signalled with frame_size_override_flag.
     */
    public byte[] encodeFrame(int[] samples, int width, int height) {
        if (width < 1 || height < 1 || width > sequenceHeader.maxWidth() || height > sequenceHeader.maxHeight()) {
            throw new IllegalArgumentException("frame size " + width + "x" + height + " is outside 1x1.."
                    + sequenceHeader.maxWidth() + "x" + sequenceHeader.maxHeight());
        }
        if (samples.length < (long) width * height) {
            throw new IllegalArgumentException("need " + (long) width * height + " samples, got " + samples.length);
        }
        FrameHeader header = FrameHeader.forSize(width, height);
        int miCols = header.miCols();
        int miRows = header.miRows();
        int stride = miCols * 4;
        int[] plane = pad(samples, width, height, stride, miRows * 4);

        BitWriter w = new BitWriter();
        header.write(w, sequenceHeader);
        TileLayout tiles = header.tiles();
        int tileCount = tiles.tileCount();
        if (tileCount > 1) {
            w.writeBit(0);
            w.byteAlign();
        }
        TileEncoder tileEncoder = new TileEncoder(plane, stride, bitDepth, miRows, miCols, preset);
        for (int t = 0; t < tileCount; t++) {
            int row = t / tiles.tileCols();
            int col = t % tiles.tileCols();
            byte[] data = tileEncoder.encodeTile(
                    tiles.miRowStarts[row],
                    tiles.miRowStarts[row + 1],
                    tiles.miColStarts[col],
                    tiles.miColStarts[col + 1]);
            if (t < tileCount - 1) {
                int sizeMinus1 = data.length - 1;
                for (int i = 0; i < tiles.tileSizeBytes; i++) {
                    w.writeBits((sizeMinus1 >>> (8 * i)) & 0xFF, 8);
                }
            }
            w.writeBytes(data);
        }
        return Obu.wrap(Obu.FRAME, w.toByteArray());
    }

    /**
     * Copies the frame into the MiCols*4 x MiRows*4 plane that is coded (a multiple of 8 each way) and
     * chooses the padding, which the decoder crops away, so it is cheap to code: a 4x4 only partly inside
     * the frame gets its missing columns (rows) as a copy of one real column (row) or as the mirror or linear
     * continuation of the real ones, which leaves half or more of the Walsh-Hadamard outputs of that
     * direction zero; 4x4s wholly outside the frame repeat the nearest padded column or row, which H_PRED
     * or V_PRED predicts with a zero residual.
     */
    private int[] pad(int[] samples, int width, int height, int stride, int rows) {
        int max = (1 << bitDepth) - 1;
        if (width == stride && height == rows && samples.length == stride * rows) {
            // Nothing to pad (the columnar frames are 256 wide and 8k high): the samples are the plane, which
            // the tile encoder only reads. A sample outside 0..max (2^bitDepth - 1) has a bit outside max's:
            // one OR over all samples (a loop the JIT vectorises) finds whether any is, and only then where.
            int outside = 0;
            for (int v : samples) {
                outside |= v & ~max;
            }
            for (int i = 0; outside != 0 && i < samples.length; i++) {
                int v = samples[i];
                if (v < 0 || v > max) {
                    throw new IllegalArgumentException(
                            "sample " + v + " at (" + i % width + ", " + i / width + ") is outside 0.." + max);
                }
            }
            return samples;
        }
        int[] plane = new int[stride * rows];
        for (int y = 0; y < height; y++) {
            int src = y * width;
            int dst = y * stride;
            for (int x = 0; x < width; x++) {
                int v = samples[src + x];
                if (v < 0 || v > max) {
                    throw new IllegalArgumentException(
                            "sample " + v + " at (" + x + ", " + y + ") is outside 0.." + max);
                }
                plane[dst + x] = v;
            }
            completePartialGroup(plane, dst, 1, width, max);
            int last = plane[dst + ((width + 3) & ~3) - 1];
            for (int x = (width + 3) & ~3; x < stride; x++) {
                plane[dst + x] = last;
            }
        }
        for (int x = 0; x < stride; x++) {
            completePartialGroup(plane, x, stride, height, max);
        }
        int filled = (height + 3) & ~3;
        for (int y = filled; y < rows; y++) {
            System.arraycopy(plane, (filled - 1) * stride, plane, y * stride, stride);
        }
        return plane;
    }

    /**
     * Fills the missing samples of the last group of four along one line ({@code step} apart from
     * {@code base}, {@code n} real samples): one real sample is repeated, two are mirrored (a, b, b, a), three
     * are continued linearly (a, b, c, a - b + c, clamped).
     */
    private static void completePartialGroup(int[] plane, int base, int step, int n, int max) {
        int k = n & 3;
        if (k == 0) {
            return;
        }
        int g = base + (n - k) * step;
        int a = plane[g];
        switch (k) {
            case 1 -> {
                plane[g + step] = a;
                plane[g + 2 * step] = a;
                plane[g + 3 * step] = a;
            }
            case 2 -> {
                plane[g + 2 * step] = plane[g + step];
                plane[g + 3 * step] = a;
            }
            default -> {
                int v = a - plane[g + step] + plane[g + 2 * step];
                plane[g + 3 * step] = Math.max(0, Math.min(max, v));
            }
        }
    }
}
