package coop.cpc.lakehouse.columnar.av1;

/**
 * The default CDFs this subset needs, copied from the AV1 specification (AOMediaCodec/av1-spec,
 * 10.additional.tables.md, "Default CDF tables"), kept in the specification's form: increasing
 * cumulative values ending in 32768, followed by the adaptation counter (initially 0).
 *
 * <p>The palette tables are those of the luma plane (monochrome has no chroma palette). The coefficient
 * tables are only the slice for base_q_idx &lt;= 20 (init_coeff_cdfs picks index 0 for
 * lossless), TX_4X4 (the only transform size of a CodedLossless frame) and the luma plane type
 * (monochrome).
 */
final class DefaultCdfs {
    private DefaultCdfs() {}

    /** Spec Default_Intra_Frame_Y_Mode_Cdf, first 350 values (base_q_idx <= 20 context, TX_4X4, luma): TileIntraFrameYModeCdf[5][5]: 13 symbols. */
    static final int[] INTRA_FRAME_Y_MODE = {
        15588, 17027, 19338, 20218, 20682, 21110, 21825, 23244, 24189, 28165, 29093, 30466,
        32768, 0, 12016, 18066, 19516, 20303, 20719, 21444, 21888, 23032, 24434, 28658,
        30172, 31409, 32768, 0, 10052, 10771, 22296, 22788, 23055, 23239, 24133, 25620,
        26160, 29336, 29929, 31567, 32768, 0, 14091, 15406, 16442, 18808, 19136, 19546,
        19998, 22096, 24746, 29585, 30958, 32462, 32768, 0, 12122, 13265, 15603, 16501,
        18609, 20033, 22391, 25583, 26437, 30261, 31073, 32475, 32768, 0, 10023, 19585,
        20848, 21440, 21832, 22760, 23089, 24023, 25381, 29014, 30482, 31436, 32768, 0,
        5983, 24099, 24560, 24886, 25066, 25795, 25913, 26423, 27610, 29905, 31276, 31794,
        32768, 0, 7444, 12781, 20177, 20728, 21077, 21607, 22170, 23405, 24469, 27915,
        29090, 30492, 32768, 0, 8537, 14689, 15432, 17087, 17408, 18172, 18408, 19825,
        24649, 29153, 31096, 32210, 32768, 0, 7543, 14231, 15496, 16195, 17905, 20717,
        21984, 24516, 26001, 29675, 30981, 31994, 32768, 0, 12613, 13591, 21383, 22004,
        22312, 22577, 23401, 25055, 25729, 29538, 30305, 32077, 32768, 0, 9687, 13470,
        18506, 19230, 19604, 20147, 20695, 22062, 23219, 27743, 29211, 30907, 32768, 0,
        6183, 6505, 26024, 26252, 26366, 26434, 27082, 28354, 28555, 30467, 30794, 32086,
        32768, 0, 10718, 11734, 14954, 17224, 17565, 17924, 18561, 21523, 23878, 28975,
        30287, 32252, 32768, 0, 9194, 9858, 16501, 17263, 18424, 19171, 21563, 25961,
        26561, 30072, 30737, 32463, 32768, 0, 12602, 14399, 15488, 18381, 18778, 19315,
        19724, 21419, 25060, 29696, 30917, 32409, 32768, 0, 8203, 13821, 14524, 17105,
        17439, 18131, 18404, 19468, 25225, 29485, 31158, 32342, 32768, 0, 8451, 9731,
        15004, 17643, 18012, 18425, 19070, 21538, 24605, 29118, 30078, 32018, 32768, 0,
        7714, 9048, 9516, 16667, 16817, 16994, 17153, 18767, 26743, 30389, 31536, 32528,
        32768, 0, 8843, 10280, 11496, 15317, 16652, 17943, 19108, 22718, 25769, 29953,
        30983, 32485, 32768, 0, 12578, 13671, 15979, 16834, 19075, 20913, 22989, 25449,
        26219, 30214, 31150, 32477, 32768, 0, 9563, 13626, 15080, 15892, 17756, 20863,
        22207, 24236, 25380, 29653, 31143, 32277, 32768, 0, 8356, 8901, 17616, 18256,
        19350, 20106, 22598, 25947, 26466, 29900, 30523, 32261, 32768, 0, 10835, 11815,
        13124, 16042, 17018, 18039, 18947, 22753, 24615, 29489, 30883, 32482, 32768, 0,
        7618, 8288, 9859, 10509, 15386, 18657, 22903, 28776, 29180, 31355, 31802, 32593,
        32768, 0,
    };

    /** Spec Default_Angle_Delta_Cdf, first 64 values (base_q_idx <= 20 context, TX_4X4, luma): TileAngleDeltaCdf[8]: 7 symbols. */
    static final int[] ANGLE_DELTA = {
        2180, 5032, 7567, 22776, 26989, 30217, 32768, 0, 2301, 5608, 8801, 23487,
        26974, 30330, 32768, 0, 3780, 11018, 13699, 19354, 23083, 31286, 32768, 0,
        4581, 11226, 15147, 17138, 21834, 28397, 32768, 0, 1737, 10927, 14509, 19588,
        22745, 28823, 32768, 0, 2664, 10176, 12485, 17650, 21600, 30495, 32768, 0,
        2240, 11096, 15453, 20341, 22561, 28917, 32768, 0, 3605, 10428, 12459, 17676,
        21244, 30655, 32768, 0,
    };

    /** Spec Default_Partition_W8_Cdf, first 20 values (base_q_idx <= 20 context, TX_4X4, luma): TilePartitionW8Cdf[4]: 4 symbols. */
    static final int[] PARTITION_W8 = {
        19132, 25510, 30392, 32768, 0, 13928, 19855, 28540, 32768, 0, 12522, 23679, 28629, 32768, 0, 9896, 18783, 25853,
        32768, 0,
    };

    /** Spec Default_Partition_W16_Cdf, first 44 values (base_q_idx <= 20 context, TX_4X4, luma): TilePartitionW16Cdf[4]: 10 symbols. */
    static final int[] PARTITION_W16 = {
        15597, 20929, 24571, 26706, 27664, 28821, 29601, 30571, 31902, 32768, 0, 7925,
        11043, 16785, 22470, 23971, 25043, 26651, 28701, 29834, 32768, 0, 5414, 13269,
        15111, 20488, 22360, 24500, 25537, 26336, 32117, 32768, 0, 2662, 6362, 8614,
        20860, 23053, 24778, 26436, 27829, 31171, 32768, 0,
    };

    /** Spec Default_Partition_W32_Cdf, first 44 values (base_q_idx <= 20 context, TX_4X4, luma): TilePartitionW32Cdf[4]: 10 symbols. */
    static final int[] PARTITION_W32 = {
        18462, 20920, 23124, 27647, 28227, 29049, 29519, 30178, 31544, 32768, 0, 7689,
        9060, 12056, 24992, 25660, 26182, 26951, 28041, 29052, 32768, 0, 6015, 9009,
        10062, 24544, 25409, 26545, 27071, 27526, 32047, 32768, 0, 1394, 2208, 2796,
        28614, 29061, 29466, 29840, 30185, 31899, 32768, 0,
    };

    /** Spec Default_Partition_W64_Cdf, first 44 values (base_q_idx <= 20 context, TX_4X4, luma): TilePartitionW64Cdf[4]: 10 symbols. */
    static final int[] PARTITION_W64 = {
        20137, 21547, 23078, 29566, 29837, 30261, 30524, 30892, 31724, 32768, 0, 6732,
        7490, 9497, 27944, 28250, 28515, 28969, 29630, 30104, 32768, 0, 5945, 7663,
        8348, 28683, 29117, 29749, 30064, 30298, 32238, 32768, 0, 870, 1212, 1487,
        31198, 31394, 31574, 31743, 31881, 32332, 32768, 0,
    };

    /** Spec Default_Skip_Cdf, first 9 values (base_q_idx <= 20 context, TX_4X4, luma): TileSkipCdf[3]: 2 symbols. */
    static final int[] SKIP = {
        31671, 32768, 0, 16515, 32768, 0, 4576, 32768, 0,
    };

    /** Spec Default_Txb_Skip_Cdf, first 39 values (base_q_idx <= 20 context, TX_4X4, luma): TileTxbSkipCdf[TX_4X4][13]: 2 symbols. */
    static final int[] TXB_SKIP = {
        31849, 32768, 0, 5892, 32768, 0, 12112, 32768, 0, 21935, 32768, 0,
        20289, 32768, 0, 27473, 32768, 0, 32487, 32768, 0, 7654, 32768, 0,
        19473, 32768, 0, 29984, 32768, 0, 9961, 32768, 0, 30242, 32768, 0,
        32117, 32768, 0,
    };

    /** Spec Default_Eob_Pt_16_Cdf, first 12 values (base_q_idx <= 20 context, TX_4X4, luma): TileEobPt16Cdf[luma][2]: 5 symbols. */
    static final int[] EOB_PT_16 = {
        840, 1039, 1980, 4895, 32768, 0, 370, 671, 1883, 4471, 32768, 0,
    };

    /** Spec Default_Eob_Extra_Cdf, first 27 values (base_q_idx <= 20 context, TX_4X4, luma): TileEobExtraCdf[TX_4X4][luma][9]: 2 symbols. */
    static final int[] EOB_EXTRA = {
        16961, 32768, 0, 17223, 32768, 0, 7621, 32768, 0, 16384, 32768, 0,
        16384, 32768, 0, 16384, 32768, 0, 16384, 32768, 0, 16384, 32768, 0,
        16384, 32768, 0,
    };

    /** Spec Default_Dc_Sign_Cdf, first 9 values (base_q_idx <= 20 context, TX_4X4, luma): TileDcSignCdf[luma][3]: 2 symbols. */
    static final int[] DC_SIGN = {
        16000, 32768, 0, 13056, 32768, 0, 18816, 32768, 0,
    };

    /** Spec Default_Coeff_Base_Eob_Cdf, first 16 values (base_q_idx <= 20 context, TX_4X4, luma): TileCoeffBaseEobCdf[TX_4X4][luma][4]: 3 symbols. */
    static final int[] COEFF_BASE_EOB = {
        17837, 29055, 32768, 0, 29600, 31446, 32768, 0, 30844, 31878, 32768, 0, 24926, 28948, 32768, 0,
    };

    /** Spec Default_Coeff_Base_Cdf, first 210 values (base_q_idx <= 20 context, TX_4X4, luma): TileCoeffBaseCdf[TX_4X4][luma][42]: 4 symbols. */
    static final int[] COEFF_BASE = {
        4034, 8930, 12727, 32768, 0, 18082, 29741, 31877, 32768, 0, 12596, 26124,
        30493, 32768, 0, 9446, 21118, 27005, 32768, 0, 6308, 15141, 21279, 32768,
        0, 2463, 6357, 9783, 32768, 0, 20667, 30546, 31929, 32768, 0, 13043,
        26123, 30134, 32768, 0, 8151, 18757, 24778, 32768, 0, 5255, 12839, 18632,
        32768, 0, 2820, 7206, 11161, 32768, 0, 8192, 16384, 24576, 32768, 0,
        8192, 16384, 24576, 32768, 0, 8192, 16384, 24576, 32768, 0, 8192, 16384,
        24576, 32768, 0, 8192, 16384, 24576, 32768, 0, 8192, 16384, 24576, 32768,
        0, 8192, 16384, 24576, 32768, 0, 8192, 16384, 24576, 32768, 0, 8192,
        16384, 24576, 32768, 0, 8192, 16384, 24576, 32768, 0, 15736, 27553, 30604,
        32768, 0, 11210, 23794, 28787, 32768, 0, 5947, 13874, 19701, 32768, 0,
        4215, 9323, 13891, 32768, 0, 2833, 6462, 10059, 32768, 0, 19605, 30393,
        31582, 32768, 0, 13523, 26252, 30248, 32768, 0, 8446, 18622, 24512, 32768,
        0, 3818, 10343, 15974, 32768, 0, 1481, 4117, 6796, 32768, 0, 22649,
        31302, 32190, 32768, 0, 14829, 27127, 30449, 32768, 0, 8313, 17702, 23304,
        32768, 0, 3022, 8301, 12786, 32768, 0, 1536, 4412, 7184, 32768, 0,
        22354, 29774, 31372, 32768, 0, 14723, 25472, 29214, 32768, 0, 6673, 13745,
        18662, 32768, 0, 2068, 5766, 9322, 32768, 0, 8192, 16384, 24576, 32768,
        0, 8192, 16384, 24576, 32768, 0,
    };

    /** Spec Default_Coeff_Br_Cdf, first 105 values (base_q_idx <= 20 context, TX_4X4, luma): TileCoeffBrCdf[TX_4X4][luma][21]: 4 symbols. */
    static final int[] COEFF_BR = {
        14298, 20718, 24174, 32768, 0, 12536, 19601, 23789, 32768, 0, 8712, 15051,
        19503, 32768, 0, 6170, 11327, 15434, 32768, 0, 4742, 8926, 12538, 32768,
        0, 3803, 7317, 10546, 32768, 0, 1696, 3317, 4871, 32768, 0, 14392,
        19951, 22756, 32768, 0, 15978, 23218, 26818, 32768, 0, 12187, 19474, 23889,
        32768, 0, 9176, 15640, 20259, 32768, 0, 7068, 12655, 17028, 32768, 0,
        5656, 10442, 14472, 32768, 0, 2580, 4992, 7244, 32768, 0, 12136, 18049,
        21426, 32768, 0, 13784, 20721, 24481, 32768, 0, 10836, 17621, 21900, 32768,
        0, 8372, 14444, 18847, 32768, 0, 6523, 11779, 16000, 32768, 0, 5337,
        9898, 13760, 32768, 0, 3034, 5860, 8462, 32768, 0,
    };

    /** Spec Default_Palette_Y_Mode_Cdf: TilePaletteYModeCdf[7][3]: 2 symbols. */
    static final int[] PALETTE_Y_MODE = {
        31676, 32768, 0, 3419, 32768, 0, 1261, 32768, 0, 31912, 32768, 0,
        2859, 32768, 0, 980, 32768, 0, 31823, 32768, 0, 3400, 32768, 0,
        781, 32768, 0, 32030, 32768, 0, 3561, 32768, 0, 904, 32768, 0,
        32309, 32768, 0, 7337, 32768, 0, 1462, 32768, 0, 32265, 32768, 0,
        4015, 32768, 0, 1521, 32768, 0, 32450, 32768, 0, 7946, 32768, 0,
        129, 32768, 0,
    };

    /** Spec Default_Palette_Y_Size_Cdf: TilePaletteYSizeCdf[7]: 7 symbols. */
    static final int[] PALETTE_Y_SIZE = {
        7952, 13000, 18149, 21478, 25527, 29241, 32768, 0, 7139, 11421, 16195, 19544,
        23666, 28073, 32768, 0, 7788, 12741, 17325, 20500, 24315, 28530, 32768, 0,
        8271, 14064, 18246, 21564, 25071, 28533, 32768, 0, 12725, 19180, 21863, 24839,
        27535, 30120, 32768, 0, 9711, 14888, 16923, 21052, 25661, 27875, 32768, 0,
        14940, 20797, 21678, 24186, 27033, 28999, 32768, 0,
    };

    /** Spec Default_Palette_Size_2_Y_Color_Cdf: TilePaletteSize2YColorCdf[5]: 2 symbols. */
    static final int[] PALETTE_SIZE_2_Y_COLOR = {
        28710, 32768, 0, 16384, 32768, 0, 10553, 32768, 0, 27036, 32768, 0, 31603, 32768, 0,
    };

    /** Spec Default_Palette_Size_3_Y_Color_Cdf: TilePaletteSize3YColorCdf[5]: 3 symbols. */
    static final int[] PALETTE_SIZE_3_Y_COLOR = {
        27877, 30490, 32768, 0, 11532, 25697, 32768, 0, 6544, 30234, 32768, 0, 23018, 28072, 32768, 0, 31915, 32385,
        32768, 0,
    };

    /** Spec Default_Palette_Size_4_Y_Color_Cdf: TilePaletteSize4YColorCdf[5]: 4 symbols. */
    static final int[] PALETTE_SIZE_4_Y_COLOR = {
        25572, 28046, 30045, 32768, 0, 9478, 21590, 27256, 32768, 0, 7248, 26837,
        29824, 32768, 0, 19167, 24486, 28349, 32768, 0, 31400, 31825, 32250, 32768,
        0,
    };

    /** Spec Default_Palette_Size_5_Y_Color_Cdf: TilePaletteSize5YColorCdf[5]: 5 symbols. */
    static final int[] PALETTE_SIZE_5_Y_COLOR = {
        24779, 26955, 28576, 30282, 32768, 0, 8669, 20364, 24073, 28093, 32768, 0,
        4255, 27565, 29377, 31067, 32768, 0, 19864, 23674, 26716, 29530, 32768, 0,
        31646, 31893, 32147, 32426, 32768, 0,
    };

    /** Spec Default_Palette_Size_6_Y_Color_Cdf: TilePaletteSize6YColorCdf[5]: 6 symbols. */
    static final int[] PALETTE_SIZE_6_Y_COLOR = {
        23132, 25407, 26970, 28435, 30073, 32768, 0, 7443, 17242, 20717, 24762, 27982,
        32768, 0, 6300, 24862, 26944, 28784, 30671, 32768, 0, 18916, 22895, 25267,
        27435, 29652, 32768, 0, 31270, 31550, 31808, 32059, 32353, 32768, 0,
    };

    /** Spec Default_Palette_Size_7_Y_Color_Cdf: TilePaletteSize7YColorCdf[5]: 7 symbols. */
    static final int[] PALETTE_SIZE_7_Y_COLOR = {
        23105, 25199, 26464, 27684, 28931, 30318, 32768, 0, 6950, 15447, 18952, 22681,
        25567, 28563, 32768, 0, 7560, 23474, 25490, 27203, 28921, 30708, 32768, 0,
        18544, 22373, 24457, 26195, 28119, 30045, 32768, 0, 31198, 31451, 31670, 31882,
        32123, 32391, 32768, 0,
    };

    /** Spec Default_Palette_Size_8_Y_Color_Cdf: TilePaletteSize8YColorCdf[5]: 8 symbols. */
    static final int[] PALETTE_SIZE_8_Y_COLOR = {
        21689, 23883, 25163, 26352, 27506, 28827, 30195, 32768, 0, 6892, 15385, 17840,
        21606, 24287, 26753, 29204, 32768, 0, 5651, 23182, 25042, 26518, 27982, 29392,
        30900, 32768, 0, 19349, 22578, 24418, 25994, 27524, 29031, 30448, 32768, 0,
        31028, 31270, 31504, 31705, 31927, 32153, 32392, 32768, 0,
    };

    /** Offsets of each table inside the flat array returned by {@link #newTileCdfs()}. */
    static final int OFF_Y_MODE = 0;

    static final int OFF_ANGLE_DELTA = OFF_Y_MODE + INTRA_FRAME_Y_MODE.length;
    static final int OFF_PARTITION_W8 = OFF_ANGLE_DELTA + ANGLE_DELTA.length;
    static final int OFF_PARTITION_W16 = OFF_PARTITION_W8 + PARTITION_W8.length;
    static final int OFF_PARTITION_W32 = OFF_PARTITION_W16 + PARTITION_W16.length;
    static final int OFF_PARTITION_W64 = OFF_PARTITION_W32 + PARTITION_W32.length;
    static final int OFF_SKIP = OFF_PARTITION_W64 + PARTITION_W64.length;
    static final int OFF_TXB_SKIP = OFF_SKIP + SKIP.length;
    static final int OFF_EOB_PT_16 = OFF_TXB_SKIP + TXB_SKIP.length;
    static final int OFF_EOB_EXTRA = OFF_EOB_PT_16 + EOB_PT_16.length;
    static final int OFF_DC_SIGN = OFF_EOB_EXTRA + EOB_EXTRA.length;
    static final int OFF_COEFF_BASE_EOB = OFF_DC_SIGN + DC_SIGN.length;
    static final int OFF_COEFF_BASE = OFF_COEFF_BASE_EOB + COEFF_BASE_EOB.length;
    static final int OFF_COEFF_BR = OFF_COEFF_BASE + COEFF_BASE.length;
    static final int OFF_PALETTE_Y_MODE = OFF_COEFF_BR + COEFF_BR.length;
    static final int OFF_PALETTE_Y_SIZE = OFF_PALETTE_Y_MODE + PALETTE_Y_MODE.length;
    /** Offsets of TilePaletteSize{n}YColorCdf, indexed by n (2..8). */
    static final int[] OFF_PALETTE_COLOR = new int[9];

    static final int TOTAL;

    static {
        int at = OFF_PALETTE_Y_SIZE + PALETTE_Y_SIZE.length;
        int[][] colors = paletteColorTables();
        for (int n = 2; n <= 8; n++) {
            OFF_PALETTE_COLOR[n] = at;
            at += colors[n].length;
        }
        TOTAL = at;
    }

    private static final int[] ALL = concat();

    private static int[][] paletteColorTables() {
        return new int[][] {
            null,
            null,
            PALETTE_SIZE_2_Y_COLOR,
            PALETTE_SIZE_3_Y_COLOR,
            PALETTE_SIZE_4_Y_COLOR,
            PALETTE_SIZE_5_Y_COLOR,
            PALETTE_SIZE_6_Y_COLOR,
            PALETTE_SIZE_7_Y_COLOR,
            PALETTE_SIZE_8_Y_COLOR
        };
    }

    private static int[] concat() {
        int[] all = new int[TOTAL];
        int[][] c = paletteColorTables();
        int[][] parts = {
            INTRA_FRAME_Y_MODE,
            ANGLE_DELTA,
            PARTITION_W8,
            PARTITION_W16,
            PARTITION_W32,
            PARTITION_W64,
            SKIP,
            TXB_SKIP,
            EOB_PT_16,
            EOB_EXTRA,
            DC_SIGN,
            COEFF_BASE_EOB,
            COEFF_BASE,
            COEFF_BR,
            PALETTE_Y_MODE,
            PALETTE_Y_SIZE,
            c[2],
            c[3],
            c[4],
            c[5],
            c[6],
            c[7],
            c[8]
        };
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** A fresh copy of all default CDFs: what init_non_coeff_cdfs / init_coeff_cdfs give each tile. */
    static int[] newTileCdfs() {
        return ALL.clone();
    }

    /** Copies the defaults into an existing array (reused between tiles to avoid allocation). */
    static void reset(int[] cdfs) {
        System.arraycopy(ALL, 0, cdfs, 0, TOTAL);
    }
}
