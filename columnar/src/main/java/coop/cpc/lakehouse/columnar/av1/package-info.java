/**
 * A pure-Java lossless AV1 encoder, and a decoder for exactly the subset it writes, for storing column
 * values as monochrome samples.
 *
 * <p>Subset: seq_profile 0 (8/10-bit) or 2 (12-bit), mono_chrome, one operating point, 64x64 superblocks;
 * filter intra, intra edge filter, screen content tools, all inter tools, order hints, superres, CDEF, loop
 * restoration and film grain are switched off in the sequence header. Every frame is a shown KEY_FRAME with
 * base_q_idx 0 and no delta-q, segmentation or quantizer matrix, hence CodedLossless: TX_4X4 Walsh-Hadamard
 * only, no loop filter. CDF adaptation is on; frames never inherit CDFs. Tiles are uniform and as few as the
 * specification allows (one up to 4096 samples wide and 4096x2304 in area). Partitions NONE, HORZ, VERT and
 * SPLIT; intra modes DC, V, H (angle delta 0), SMOOTH, SMOOTH_V, SMOOTH_H and PAETH.
 *
 * <p>The decoder refuses with {@link coop.cpc.lakehouse.columnar.av1.Av1FormatException} any other flag value,
 * OBU type (other than temporal delimiter, matching sequence header and one frame per temporal unit),
 * partition, intra mode or angle delta, and any malformed size, alignment, trailing or padding bit.
 */
package coop.cpc.lakehouse.columnar.av1;
