package coop.cpc.lakehouse.columnar.av1;

/**
 * Decoder for exactly the subset {@link Av1LosslessEncoder} writes; everything else is refused with an
 * {@link Av1FormatException} that names the element and its byte offset. Not thread-safe.
 */
public final class Av1LosslessDecoder {
    /** Largest decoded plane (padded to a multiple of 8 each way) this decoder allocates. */
    private static final long MAX_PLANE_SAMPLES = 1L << 30;

    private final SequenceHeader sequenceHeader;

    private Av1LosslessDecoder(SequenceHeader sequenceHeader) {
        this.sequenceHeader = sequenceHeader;
    }

    /**
     * From the av1C record (as in Matroska CodecPrivate) or a bare sequence header OBU. Throws
     * Av1FormatException for anything outside our subset.
     */
    public static Av1LosslessDecoder fromCodecConfiguration(byte[] av1cOrSequenceHeaderObu) throws Av1FormatException {
        return new Av1LosslessDecoder(CodecConfiguration.parse(av1cOrSequenceHeaderObu));
    }

    /** max_frame_width of the sequence header: no frame this decoder allocates is wider. */
    public int maxFrameWidth() {
        return sequenceHeader.maxWidth();
    }

    /** max_frame_height of the sequence header: no frame this decoder allocates is taller. */
    public int maxFrameHeight() {
        return sequenceHeader.maxHeight();
    }

    /**
     * Decodes one temporal unit: optional temporal delimiter and sequence header OBUs (which must match the
     * configuration) and exactly one OBU_FRAME.
     */
    public Av1Frame decode(byte[] temporalUnit) throws Av1FormatException {
        Av1Frame frame = null;
        int p = 0;
        while (p < temporalUnit.length) {
            Obu.Header h = Obu.read(temporalUnit, p, temporalUnit.length);
            switch (h.type()) {
                case Obu.TEMPORAL_DELIMITER -> {
                    if (h.payloadEnd() != h.payloadStart()) {
                        throw new Av1FormatException("temporal delimiter at offset " + p + " has a non-empty payload");
                    }
                    if (frame != null) {
                        throw new Av1FormatException("temporal delimiter after the frame at offset " + p);
                    }
                }
                case Obu.SEQUENCE_HEADER -> {
                    SequenceHeader seq = SequenceHeader.parse(temporalUnit, h.payloadStart(), h.payloadEnd());
                    if (!seq.equals(sequenceHeader)) {
                        throw new Av1FormatException("sequence header at offset " + p + " (" + seq
                                + ") differs from the configured one (" + sequenceHeader + ")");
                    }
                }
                case Obu.FRAME -> {
                    if (frame != null) {
                        throw new Av1FormatException(
                                "second OBU_FRAME at offset " + p + ": one frame per temporal unit");
                    }
                    frame = decodeFrame(temporalUnit, h.payloadStart(), h.payloadEnd());
                }
                default -> throw new Av1FormatException("unsupported " + Obu.typeName(h.type()) + " at offset " + p);
            }
            p = h.payloadEnd();
        }
        if (frame == null) {
            throw new Av1FormatException("no OBU_FRAME in the temporal unit of " + temporalUnit.length + " bytes");
        }
        return frame;
    }

    private Av1Frame decodeFrame(byte[] buf, int start, int end) throws Av1FormatException {
        BitReader r = new BitReader(buf, start, end);
        FrameHeader header = FrameHeader.read(r, sequenceHeader);
        TileLayout tiles = header.tiles();
        int tileCount = tiles.tileCount();
        if (tileCount > 1) {
            r.expect(1, 0, "tile_start_and_end_present_flag");
            r.byteAlign("tile group header");
        }
        int miCols = header.miCols();
        int miRows = header.miRows();
        int stride = miCols * 4;
        long planeSize = (long) stride * miRows * 4;
        if (planeSize > MAX_PLANE_SAMPLES) {
            throw new Av1FormatException("frame " + header.width() + "x" + header.height() + " at offset " + start
                    + " is larger than this decoder's limit of " + MAX_PLANE_SAMPLES + " samples");
        }
        int[] plane = new int[(int) planeSize];
        TileDecoder tileDecoder = new TileDecoder(
                plane, stride, sequenceHeader.bitDepth(), miRows, miCols, sequenceHeader.screenContentTools());
        int p = r.byteOffset();
        for (int t = 0; t < tileCount; t++) {
            int tileSize;
            if (t == tileCount - 1) {
                tileSize = end - p;
            } else {
                int sizeBytes = tiles.tileSizeBytes;
                if (end - p < sizeBytes) {
                    throw new Av1FormatException("truncated: tile_size_minus_1 of tile " + t + " at offset " + p);
                }
                long sizeMinus1 = 0;
                for (int i = 0; i < sizeBytes; i++) {
                    sizeMinus1 |= (long) (buf[p + i] & 0xFF) << (8 * i);
                }
                if (sizeMinus1 + 1 > end - p - sizeBytes) {
                    throw new Av1FormatException("tile_size_minus_1 " + sizeMinus1 + " of tile " + t + " at offset " + p
                            + " exceeds the " + (end - p - sizeBytes) + " bytes left in the OBU");
                }
                p += sizeBytes;
                tileSize = (int) sizeMinus1 + 1;
            }
            if (tileSize <= 0) {
                throw new Av1FormatException("empty tile data for tile " + t + " at offset " + p);
            }
            int row = t / tiles.tileCols();
            int col = t % tiles.tileCols();
            tileDecoder.decodeTile(
                    buf,
                    p,
                    tileSize,
                    tiles.miRowStarts[row],
                    tiles.miRowStarts[row + 1],
                    tiles.miColStarts[col],
                    tiles.miColStarts[col + 1],
                    "tile " + t);
            p += tileSize;
        }
        int width = header.width();
        int height = header.height();
        if (stride == width && plane.length == width * height) {
            // The frame fills its mode-info grid exactly: the plane is the frame (no second array and copy).
            return new Av1Frame(width, height, sequenceHeader.bitDepth(), plane);
        }
        int[] samples = new int[width * height];
        for (int y = 0; y < height; y++) {
            System.arraycopy(plane, y * stride, samples, y * width, width);
        }
        return new Av1Frame(width, height, sequenceHeader.bitDepth(), samples);
    }
}
