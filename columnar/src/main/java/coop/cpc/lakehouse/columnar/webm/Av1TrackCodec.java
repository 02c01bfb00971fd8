package coop.cpc.lakehouse.columnar.webm;

import coop.cpc.lakehouse.columnar.av1.Av1FormatException;
import coop.cpc.lakehouse.columnar.av1.Av1Frame;
import coop.cpc.lakehouse.columnar.av1.Av1LosslessDecoder;
import coop.cpc.lakehouse.columnar.av1.Av1LosslessEncoder;
import coop.cpc.lakehouse.columnar.av1.SearchPreset;
import java.util.ArrayList;
import java.util.List;

/** The AV1 side of a track: CodecPrivate and one key-frame temporal unit per chunk. */
final class Av1TrackCodec {
    private Av1TrackCodec() {}

    /** A track's CodecPrivate and its SimpleBlock payloads, one per chunk. */
    record EncodedTrack(byte[] codecPrivate, List<byte[]> blocks) {}

    /** The track's CodecPrivate (av1C record with the sequence header). */
    static byte[] codecPrivate(TrackLayout layout) {
        return new Av1LosslessEncoder(layout.width, layout.height, layout.bitDepth).codecConfigurationRecord();
    }

    /**
     * The SimpleBlock payload of one frame of the track: frames are independent key frames, so they can be
     * encoded on any thread, in any order, with the same bytes.
     */
    static byte[] encodeFrame(TrackLayout layout, int frame, SearchPreset preset) {
        return encodeFrame(layout.frame(frame), layout.width, layout.height, layout.bitDepth, preset);
    }

    /** As {@link #encodeFrame(TrackLayout, int, SearchPreset)} for one frame's samples and the track's geometry. */
    static byte[] encodeFrame(int[] samples, int width, int height, int bitDepth, SearchPreset preset) {
        Av1LosslessEncoder encoder = new Av1LosslessEncoder(width, height, bitDepth).searchPreset(preset);
        byte[] sequenceHeader = encoder.sequenceHeaderObu();
        byte[] obu = encoder.encodeFrame(samples, width, height);
        byte[] block = new byte[sequenceHeader.length + obu.length];
        System.arraycopy(sequenceHeader, 0, block, 0, sequenceHeader.length);
        System.arraycopy(obu, 0, block, sequenceHeader.length, obu.length);
        return block;
    }

    static EncodedTrack encode(TrackLayout layout) {
        Av1LosslessEncoder encoder = new Av1LosslessEncoder(layout.width, layout.height, layout.bitDepth);
        byte[] sequenceHeader = encoder.sequenceHeaderObu();
        List<byte[]> blocks = new ArrayList<>();
        for (int i = 0; i < layout.chunks.size(); i++) {
            byte[] obu = encoder.encodeFrame(layout.frame(i), layout.width, layout.height);
            // The AV1-in-Matroska mapping requires a sequence header OBU in every key-frame block.
            byte[] block = new byte[sequenceHeader.length + obu.length];
            System.arraycopy(sequenceHeader, 0, block, 0, sequenceHeader.length);
            System.arraycopy(obu, 0, block, sequenceHeader.length, obu.length);
            blocks.add(block);
        }
        return new EncodedTrack(encoder.codecConfigurationRecord(), blocks);
    }

    /** Decodes the frames of one track. */
    static final class Decoder {
        private final Av1LosslessDecoder decoder;

        /**
         * A decoder of the track's frames, refusing a codec configuration whose frames differ from the track's
         * width x height: the sequence header's size is what the decoder allocates for every frame.
         */
        Decoder(byte[] codecPrivate, int width, int height) throws Av1FormatException {
            this.decoder = Av1LosslessDecoder.fromCodecConfiguration(codecPrivate);
            if (decoder.maxFrameWidth() != width || decoder.maxFrameHeight() != height) {
                throw new Av1FormatException("the codec configuration declares frames of " + decoder.maxFrameWidth()
                        + "x" + decoder.maxFrameHeight() + ", the track " + width + "x" + height);
            }
        }

        Av1Frame decode(byte[] block) throws Av1FormatException {
            return decoder.decode(block);
        }
    }
}
