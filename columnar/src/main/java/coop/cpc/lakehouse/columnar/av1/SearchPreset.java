package coop.cpc.lakehouse.columnar.av1;

/**
 * How hard the encoder searches a frame's blocks (the decoder reads either; only the bytes' size differs).
 */
public enum SearchPreset {
    /**
     * DC_PRED and PAETH_PRED only, and palettes tried only in superblocks whose eight most frequent values
     * cover three quarters of them: on the benchmark columns about 2x less search for sizes within 0.5% of
     * {@link #THOROUGH}.
     */
    FAST,
    /** All seven intra modes the encoder supports and a palette trial on every block of 8x8 and more. */
    THOROUGH,
    /**
     * {@link #FAST}'s two modes, and palettes tried only in superblocks of at most eight values (each block's
     * own values, no chosen palette): for tracks of deflated text, whose planes of compressed bytes take the
     * noisy-palette path in either preset. On the ingestion benchmark's free text, chosen palettes for the
     * lengths and null flags saved 2 % of the track's bytes for a quarter of its encoding time.
     */
    EXACT_PALETTES
}
