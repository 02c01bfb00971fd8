package coop.cpc.lakehouse.columnar.webm;

import static coop.cpc.lakehouse.columnar.ebml.EbmlReader.ids;

import coop.cpc.lakehouse.columnar.CorruptSegmentException;
import coop.cpc.lakehouse.columnar.ebml.EbmlElement;
import coop.cpc.lakehouse.columnar.ebml.EbmlId;
import coop.cpc.lakehouse.columnar.ebml.EbmlReader;
import coop.cpc.lakehouse.columnar.ebml.EbmlWriter;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Test helper: segments forged as a hostile writer would, with every CRC-32 (and the Segment size) recomputed so
 * that they pass every integrity check.
 */
final class ForgedSegments {
    private ForgedSegments() {}

    /** The segment with the CRC-32 of every top-level element recomputed (after bytes were changed in place). */
    static byte[] resealed(byte[] segment) throws CorruptSegmentException {
        byte[] out = segment.clone();
        EbmlReader r = new EbmlReader(out, 0);
        for (int pos = WebmSegmentWriter.ebmlHeader().length + 12; pos < out.length; ) {
            EbmlElement e = r.header(pos, out.length, "Segment");
            EbmlElement crc = r.header(e.dataPos(), e.endPos(), e.id().elementName());
            byte[] value = EbmlWriter.crc32Le(out, crc.endPos(), e.endPos() - crc.endPos());
            System.arraycopy(value, 0, out, crc.dataPos(), value.length);
            pos = e.endPos();
        }
        return out;
    }

    /** A new value for a SimpleTag: tag 0 is the segment's Tag, tag t the one of track t. */
    interface Edit {
        byte[] value(int tag, String name, byte[] value);
    }

    /** The segment with its Tags (the last top-level element) rewritten by {@code edit}. */
    static byte[] withTags(byte[] segment, Edit edit) throws CorruptSegmentException {
        int segmentData = WebmSegmentWriter.ebmlHeader().length + 12;
        EbmlReader r = new EbmlReader(segment, 0);
        EbmlElement tags = null;
        for (int pos = segmentData; pos < segment.length; pos = tags.endPos()) {
            tags = r.header(pos, segment.length, "Segment");
        }
        EbmlElement tagsElement = tags;
        List<EbmlElement> tagList = r.children(tagsElement, true, ids(EbmlId.TAG));
        byte[] forged = new EbmlWriter()
                .masterWithCrc(EbmlId.TAGS, w -> {
                    for (int t = 0; t < tagList.size(); t++) {
                        int tag = t;
                        w.master(EbmlId.TAG, x -> copyTag(r, tagList.get(tag), tag, edit, x));
                    }
                })
                .toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(segment, 0, (int) tagsElement.offset());
        out.writeBytes(forged);
        byte[] bytes = out.toByteArray();
        byte[] size = EbmlWriter.encodeSize(bytes.length - segmentData, WebmConstants.SEGMENT_SIZE_LENGTH);
        System.arraycopy(size, 0, bytes, segmentData - size.length, size.length);
        return bytes;
    }

    private static void copyTag(EbmlReader r, EbmlElement tag, int index, Edit edit, EbmlWriter w) {
        try {
            for (EbmlElement child : r.children(tag, false, ids(EbmlId.TARGETS, EbmlId.SIMPLE_TAG))) {
                if (child.id() == EbmlId.TARGETS) {
                    w.raw(java.util.Arrays.copyOfRange(r.buffer(), (int) child.offset(), child.endPos()));
                    continue;
                }
                List<EbmlElement> nv =
                        r.children(child, false, ids(EbmlId.TAG_NAME, EbmlId.TAG_STRING, EbmlId.TAG_BINARY));
                String name = r.string(nv.get(0));
                byte[] value = edit.value(index, name, r.binary(nv.get(1)));
                if (nv.get(1).id() == EbmlId.TAG_BINARY) {
                    w.master(
                            EbmlId.SIMPLE_TAG,
                            s -> s.string(EbmlId.TAG_NAME, name).binary(EbmlId.TAG_BINARY, value));
                } else {
                    String text = new String(value, java.nio.charset.StandardCharsets.UTF_8);
                    w.master(
                            EbmlId.SIMPLE_TAG,
                            s -> s.string(EbmlId.TAG_NAME, name).string(EbmlId.TAG_STRING, text));
                }
            }
        } catch (CorruptSegmentException e) {
            throw new IllegalStateException("the segment to forge is not well formed", e);
        }
    }
}
