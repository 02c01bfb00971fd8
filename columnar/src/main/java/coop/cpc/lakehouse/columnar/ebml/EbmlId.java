package coop.cpc.lakehouse.columnar.ebml;

import java.util.HashMap;
import java.util.Map;

/**
 * The EBML and Matroska elements a WebM columnar segment uses, indented like the element tree
 * (see docs/format/webm-columnar.md section 1). Ids include their vint length marker bits.
 */
public enum EbmlId {
    EBML(0x1A45DFA3, Kind.MASTER),
    EBML_VERSION(0x4286, Kind.UINT),
    EBML_READ_VERSION(0x42F7, Kind.UINT),
    EBML_MAX_ID_LENGTH(0x42F2, Kind.UINT),
    EBML_MAX_SIZE_LENGTH(0x42F3, Kind.UINT),
    DOC_TYPE(0x4282, Kind.STRING),
    DOC_TYPE_VERSION(0x4287, Kind.UINT),
    DOC_TYPE_READ_VERSION(0x4285, Kind.UINT),
    CRC32(0xBF, Kind.BINARY),
    SEGMENT(0x18538067, Kind.MASTER),
    SEEK_HEAD(0x114D9B74, Kind.MASTER),
    SEEK(0x4DBB, Kind.MASTER),
    SEEK_ID(0x53AB, Kind.BINARY),
    SEEK_POSITION(0x53AC, Kind.UINT),
    INFO(0x1549A966, Kind.MASTER),
    TIMESTAMP_SCALE(0x2AD7B1, Kind.UINT),
    MUXING_APP(0x4D80, Kind.STRING),
    WRITING_APP(0x5741, Kind.STRING),
    TITLE(0x7BA9, Kind.STRING),
    DURATION(0x4489, Kind.FLOAT),
    TRACKS(0x1654AE6B, Kind.MASTER),
    TRACK_ENTRY(0xAE, Kind.MASTER),
    TRACK_NUMBER(0xD7, Kind.UINT),
    TRACK_UID(0x73C5, Kind.UINT),
    TRACK_TYPE(0x83, Kind.UINT),
    FLAG_LACING(0x9C, Kind.UINT),
    NAME(0x536E, Kind.STRING),
    CODEC_ID(0x86, Kind.STRING),
    CODEC_PRIVATE(0x63A2, Kind.BINARY),
    VIDEO(0xE0, Kind.MASTER),
    PIXEL_WIDTH(0xB0, Kind.UINT),
    PIXEL_HEIGHT(0xBA, Kind.UINT),
    CLUSTER(0x1F43B675, Kind.MASTER),
    TIMESTAMP(0xE7, Kind.UINT),
    SIMPLE_BLOCK(0xA3, Kind.BINARY),
    CUES(0x1C53BB6B, Kind.MASTER),
    CUE_POINT(0xBB, Kind.MASTER),
    CUE_TIME(0xB3, Kind.UINT),
    CUE_TRACK_POSITIONS(0xB7, Kind.MASTER),
    CUE_TRACK(0xF7, Kind.UINT),
    CUE_CLUSTER_POSITION(0xF1, Kind.UINT),
    TAGS(0x1254C367, Kind.MASTER),
    TAG(0x7373, Kind.MASTER),
    TARGETS(0x63C0, Kind.MASTER),
    TARGET_TYPE_VALUE(0x68CA, Kind.UINT),
    TAG_TRACK_UID(0x63C5, Kind.UINT),
    SIMPLE_TAG(0x67C8, Kind.MASTER),
    TAG_NAME(0x45A3, Kind.STRING),
    TAG_STRING(0x4487, Kind.STRING),
    TAG_BINARY(0x4485, Kind.BINARY);

    /** How an element's data is interpreted. */
    public enum Kind {
        MASTER,
        UINT,
        FLOAT,
        STRING,
        BINARY
    }

    private static final Map<Integer, EbmlId> BY_ID = new HashMap<>();

    static {
        for (EbmlId e : values()) {
            BY_ID.put(e.id, e);
        }
    }

    private final int id;
    private final Kind kind;

    EbmlId(int id, Kind kind) {
        this.id = id;
        this.kind = kind;
    }

    public int id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The element's name as the Matroska specification spells it. */
    public String elementName() {
        StringBuilder sb = new StringBuilder();
        boolean upper = true;
        for (char c : name().toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? c : Character.toLowerCase(c));
                upper = false;
            }
        }
        String s = sb.toString();
        return switch (this) {
            case EBML -> "EBML";
            case CRC32 -> "CRC-32";
            case SEEK_ID -> "SeekID";
            case TRACK_UID -> "TrackUID";
            case CODEC_ID -> "CodecID";
            case TAG_TRACK_UID -> "TagTrackUID";
            case EBML_VERSION -> "EBMLVersion";
            case EBML_READ_VERSION -> "EBMLReadVersion";
            case EBML_MAX_ID_LENGTH -> "EBMLMaxIDLength";
            case EBML_MAX_SIZE_LENGTH -> "EBMLMaxSizeLength";
            default -> s;
        };
    }

    /** The element with this id, or null if it is not part of our format. */
    public static EbmlId of(int id) {
        return BY_ID.get(id);
    }

    /** The id's bytes as they appear in a file (for SeekID). */
    public byte[] idBytes() {
        int len = id >= 0x1000000 ? 4 : id >= 0x10000 ? 3 : id >= 0x100 ? 2 : 1;
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (id >>> (8 * (len - 1 - i)));
        }
        return b;
    }
}
