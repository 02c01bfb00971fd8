package coop.cpc.lakehouse.columnar.av1;

/**
 * sequence_header_obu( ) of spec 5.5 restricted to this subset: no reduced still picture header, one
 * operating point, no timing or decoder model info, 64x64 superblocks, every coding tool a lossless
 * intra-only monochrome encoder does not use switched off (filter intra, intra edge filter, inter tools,
 * order hints, superres, CDEF, loop restoration, film grain), screen content tools forced on for palettes
 * (intra block copy stays off per frame), monochrome with
 * seq_profile 0 (8/10-bit) or 2 (12-bit).
 *
 * @param bitDepth 8, 10 or 12
 * @param maxWidth max_frame_width_minus_1 + 1
 * @param maxHeight max_frame_height_minus_1 + 1
 * @param widthBits frame_width_bits_minus_1 + 1
 * @param heightBits frame_height_bits_minus_1 + 1
 * @param levelIdx seq_level_idx[0]
 * @param tier seq_tier[0]
 * @param fullRange color_range
 * @param screenContentTools seq_force_screen_content_tools: 1 lets blocks use palettes (the encoder
 *     writes 1; streams with 0, which cannot contain palettes, are accepted too)
 */
record SequenceHeader(
        int bitDepth,
        int maxWidth,
        int maxHeight,
        int widthBits,
        int heightBits,
        int levelIdx,
        int tier,
        boolean fullRange,
        boolean screenContentTools) {

    /** seq_level_idx 31: the "maximum parameters" level of Annex A.3, valid for any frame size. */
    static final int LEVEL_MAX_PARAMETERS = 31;

    /**
     * The one-bit flags from frame_id_numbers_present_flag to seq_choose_screen_content_tools, in stream order:
     * the coding tools this subset switches off (all 0), written and expected by this one list.
     */
    private static final String[] TOOLS_OFF = {
        "frame_id_numbers_present_flag",
        "use_128x128_superblock",
        "enable_filter_intra",
        "enable_intra_edge_filter",
        "enable_interintra_compound",
        "enable_masked_compound",
        "enable_warped_motion",
        "enable_dual_filter",
        "enable_order_hint",
        "seq_choose_screen_content_tools"
    };

    /** enable_superres, enable_cdef and enable_restoration, in stream order: the filters this subset switches off. */
    private static final String[] FILTERS_OFF = {"enable_superres", "enable_cdef", "enable_restoration"};

    static SequenceHeader of(int maxWidth, int maxHeight, int bitDepth) {
        return new SequenceHeader(
                bitDepth,
                maxWidth,
                maxHeight,
                bitsFor(maxWidth),
                bitsFor(maxHeight),
                LEVEL_MAX_PARAMETERS,
                0,
                true,
                true);
    }

    private static int bitsFor(int max) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(max - 1));
    }

    int profile() {
        return bitDepth == 12 ? 2 : 0;
    }

    /** The OBU payload, ending in trailing bits; the field order is that of spec 5.5.1 and 5.5.2. */
    byte[] payload() {
        BitWriter w = new BitWriter();
        w.writeBits(profile(), 3); // seq_profile
        w.writeBit(0); // still_picture: several frames per sequence
        w.writeBit(0); // reduced_still_picture_header
        w.writeBit(0); // timing_info_present_flag
        w.writeBit(0); // initial_display_delay_present_flag
        w.writeBits(0, 5); // operating_points_cnt_minus_1
        w.writeBits(0, 12); // operating_point_idc[0]
        w.writeBits(levelIdx, 5); // seq_level_idx[0]
        if (levelIdx > 7) {
            w.writeBit(tier); // seq_tier[0]
        }
        w.writeBits(widthBits - 1, 4); // frame_width_bits_minus_1
        w.writeBits(heightBits - 1, 4); // frame_height_bits_minus_1
        w.writeBits(maxWidth - 1, widthBits); // max_frame_width_minus_1
        w.writeBits(maxHeight - 1, heightBits); // max_frame_height_minus_1
        w.writeBits(0, TOOLS_OFF.length); // each flag of TOOLS_OFF
        w.writeFlag(screenContentTools); // seq_force_screen_content_tools
        if (screenContentTools) {
            w.writeBit(0); // seq_choose_integer_mv
            w.writeBit(1); // seq_force_integer_mv (irrelevant: intra frames force integer motion vectors)
        }
        w.writeBits(0, FILTERS_OFF.length); // each flag of FILTERS_OFF
        w.writeBit(bitDepth > 8 ? 1 : 0); // high_bitdepth
        if (profile() == 2) {
            w.writeBit(bitDepth == 12 ? 1 : 0); // twelve_bit
        }
        w.writeBit(1); // mono_chrome
        w.writeBit(0); // color_description_present_flag
        w.writeFlag(fullRange); // color_range
        w.writeBit(0); // film_grain_params_present
        w.trailingBits();
        return w.toByteArray();
    }

    /** Parses a sequence header OBU payload {@code buf[start .. end)}, refusing anything outside the subset. */
    static SequenceHeader parse(byte[] buf, int start, int end) throws Av1FormatException {
        BitReader r = new BitReader(buf, start, end);
        int offset = r.byteOffset();
        int profile = (int) r.readBits(3, "seq_profile");
        if (profile != 0 && profile != 2) {
            throw new Av1FormatException("unsupported seq_profile " + profile + " at offset " + offset
                    + " (monochrome needs profile 0 or 2)");
        }
        r.expect(1, 0, "still_picture");
        r.expect(1, 0, "reduced_still_picture_header");
        r.expect(1, 0, "timing_info_present_flag");
        r.expect(1, 0, "initial_display_delay_present_flag");
        r.expect(5, 0, "operating_points_cnt_minus_1");
        r.expect(12, 0, "operating_point_idc[0]");
        int levelIdx = (int) r.readBits(5, "seq_level_idx[0]");
        int tier = levelIdx > 7 ? r.readBit("seq_tier[0]") : 0;
        int widthBits = (int) r.readBits(4, "frame_width_bits_minus_1") + 1;
        int heightBits = (int) r.readBits(4, "frame_height_bits_minus_1") + 1;
        int maxWidth = (int) r.readBits(widthBits, "max_frame_width_minus_1") + 1;
        int maxHeight = (int) r.readBits(heightBits, "max_frame_height_minus_1") + 1;
        for (String flag : TOOLS_OFF) {
            r.expect(1, 0, flag);
        }
        boolean screenContentTools = r.readFlag("seq_force_screen_content_tools");
        if (screenContentTools) {
            r.expect(1, 0, "seq_choose_integer_mv");
            r.readBit("seq_force_integer_mv");
        }
        for (String flag : FILTERS_OFF) {
            r.expect(1, 0, flag);
        }
        int highBitdepth = r.readBit("high_bitdepth");
        int bitDepth;
        if (profile == 2 && highBitdepth == 1) {
            bitDepth = r.readBit("twelve_bit") == 1 ? 12 : 10;
        } else {
            bitDepth = highBitdepth == 1 ? 10 : 8;
        }
        if (profile == 2 && bitDepth != 12) {
            throw new Av1FormatException(
                    "unsupported seq_profile 2 with bit depth " + bitDepth + " at offset " + offset);
        }
        offset = r.byteOffset();
        if (r.readBit("mono_chrome") != 1) {
            throw new Av1FormatException("unsupported mono_chrome 0 at offset " + offset + " (only monochrome)");
        }
        if (r.readFlag("color_description_present_flag")) {
            r.readBits(24, "color_description");
        }
        boolean fullRange = r.readFlag("color_range");
        r.expect(1, 0, "film_grain_params_present");
        r.trailingBits("sequence header");
        return new SequenceHeader(
                bitDepth, maxWidth, maxHeight, widthBits, heightBits, levelIdx, tier, fullRange, screenContentTools);
    }
}
