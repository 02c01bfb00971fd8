/**
 * A pure-Java lossless AV1 encoder, and a decoder for exactly the subset it writes, for storing column
 * values as monochrome samples.
 *
 * <p>Subset: seq_profile 0 (8/10-bit) or 2 (12-bit), mono_chrome, one operating point, 64x64 superblocks;
 * filter intra, intra edge filter, all inter tools, order hints, superres, CDEF, loop restoration and film
 * grain off; screen content tools forced on for palettes, intra block copy off. Every frame is a shown
 * KEY_FRAME with base_q_idx 0 and no delta-q, segmentation or quantizer matrix, hence CodedLossless: 4x4
 * Walsh-Hadamard only, no loop filter. CDF adaptation on; frames never inherit CDFs. Uniform tiles, as few
 * as the specification allows. Partitions NONE, HORZ, VERT, SPLIT; intra modes DC, V, H (angle delta 0),
 * SMOOTH, SMOOTH_V, SMOOTH_H, PAETH, and luma palettes of 2..8 colours.
 *
 * <p>The decoder refuses with {@link coop.cpc.lakehouse.columnar.av1.Av1FormatException} any other flag value,
 * OBU type (besides temporal delimiter, matching sequence header and one frame per temporal unit),
 * partition, intra mode or angle delta, and any malformed size, alignment, trailing or padding bit.
 */
package coop.cpc.lakehouse.columnar.av1;
