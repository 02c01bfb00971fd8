package coop.cpc.lakehouse.columnar.av1;

/**
 * uncompressed_header( ) of spec 5.9.2 for this subset: a shown KEY_FRAME (so error_resilient_mode = 1,
 * primary_ref_frame = PRIMARY_REF_NONE, all reference slots refreshed), CDF adaptation on
 * (disable_cdf_update = 0) without the end-of-frame CDF save (nothing ever refers to it), base_q_idx = 0
 * with no delta-q, no segmentation and no quantizer matrix, and no intra block copy. That makes the frame CodedLossless: loop
 * filter, CDEF, loop restoration and the TX mode are then not coded at all (ONLY_4X4) and every block uses
 * the 4x4 Walsh-Hadamard transform.
 *
 * @param width FrameWidth
 * @param height FrameHeight
 * @param tiles the tile layout
 */
record FrameHeader(int width, int height, TileLayout tiles) {

    int miCols() {
        return 2 * ((width + 7) >> 3);
    }

    int miRows() {
        return 2 * ((height + 7) >> 3);
    }

    static FrameHeader forSize(int width, int height) {
        int miCols = 2 * ((width + 7) >> 3);
        int miRows = 2 * ((height + 7) >> 3);
        return new FrameHeader(width, height, TileLayout.minimal(miCols, miRows));
    }

    /** Writes the header and the byte_alignment( ) that frame_obu( ) puts after it. */
    void write(BitWriter w, SequenceHeader seq) {
        w.writeBit(0); // show_existing_frame
        w.writeBits(0, 2); // frame_type = KEY_FRAME
        w.writeBit(1); // show_frame
        w.writeBit(0); // disable_cdf_update
        boolean override = width != seq.maxWidth() || height != seq.maxHeight();
        w.writeFlag(override); // frame_size_override_flag
        if (override) {
            w.writeBits(width - 1, seq.widthBits()); // frame_width_minus_1
            w.writeBits(height - 1, seq.heightBits()); // frame_height_minus_1
        }
        w.writeBit(0); // render_and_frame_size_different
        if (seq.screenContentTools()) {
            w.writeBit(0); // allow_intrabc
        }
        w.writeBit(1); // disable_frame_end_update_cdf: key frames never load saved CDFs
        tiles.write(w);
        w.writeBits(0, 8); // base_q_idx
        w.writeBit(0); // delta_coded of DeltaQYDc
        w.writeBit(0); // using_qmatrix
        w.writeBit(0); // segmentation_enabled
        w.writeBit(0); // reduced_tx_set
        w.byteAlign();
    }

    /** Reads what {@link #write} writes and refuses every other value. */
    static FrameHeader read(BitReader r, SequenceHeader seq) throws Av1FormatException {
        r.expect(1, 0, "show_existing_frame");
        r.expect(2, 0, "frame_type (only KEY_FRAME)");
        r.expect(1, 1, "show_frame");
        r.expect(1, 0, "disable_cdf_update");
        int width = seq.maxWidth();
        int height = seq.maxHeight();
        if (r.readFlag("frame_size_override_flag")) {
            int offset = r.byteOffset();
            width = (int) r.readBits(seq.widthBits(), "frame_width_minus_1") + 1;
            height = (int) r.readBits(seq.heightBits(), "frame_height_minus_1") + 1;
            if (width > seq.maxWidth() || height > seq.maxHeight()) {
                throw new Av1FormatException("frame size " + width + "x" + height + " at offset " + offset
                        + " exceeds the sequence maximum " + seq.maxWidth() + "x" + seq.maxHeight());
            }
        }
        r.expect(1, 0, "render_and_frame_size_different");
        if (seq.screenContentTools()) {
            r.expect(1, 0, "allow_intrabc");
        }
        r.expect(1, 1, "disable_frame_end_update_cdf");
        int miCols = 2 * ((width + 7) >> 3);
        int miRows = 2 * ((height + 7) >> 3);
        TileLayout tiles = TileLayout.read(r, miCols, miRows);
        int offset = r.byteOffset();
        int baseQIdx = (int) r.readBits(8, "base_q_idx");
        if (baseQIdx != 0) {
            throw new Av1FormatException("not lossless: base_q_idx " + baseQIdx + " at offset " + offset);
        }
        r.expect(1, 0, "delta_coded (DeltaQYDc)");
        r.expect(1, 0, "using_qmatrix");
        r.expect(1, 0, "segmentation_enabled");
        r.expect(1, 0, "reduced_tx_set");
        r.byteAlign("frame header");
        return new FrameHeader(width, height, tiles);
    }
}
