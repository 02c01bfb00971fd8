package coop.cpc.lakehouse.columnar.webm;

/** Fixed values of the format (docs/format/webm-columnar.md). */
final class WebmConstants {
    static final String DOC_TYPE = "webm";
    static final int DOC_TYPE_VERSION = 4;
    static final int DOC_TYPE_READ_VERSION = 2;
    static final long TIMESTAMP_SCALE = 1_000_000L;
    static final String MUXING_APP = "lakehouse-columnar";
    static final String WRITING_APP = "lakehouse-columnar 1";
    static final String CODEC_ID = "V_AV1";
    static final int TRACK_TYPE_VIDEO = 1;
    static final int TARGET_TYPE_VALUE = 50;
    static final int SIMPLE_BLOCK_KEYFRAME = 0x80;
    static final int SEGMENT_SIZE_LENGTH = 8;

    static final String FORMAT = "webm-columnar/1";
    static final int CHUNK_INDEX_VERSION = 1;
    /** Version 2: streams may use narrow planes (section 5.3); written only when one does. */
    static final String FORMAT_2 = "webm-columnar/2";

    static final int CHUNK_INDEX_VERSION_2 = 2;
    /** Version 3: chunks may carry the set of their distinct values (section 6); written only when one does. */
    static final String FORMAT_3 = "webm-columnar/3";

    static final int CHUNK_INDEX_VERSION_3 = 3;
    /** Version 4: chunks may take RANS_DICTIONARY (section 5.1); written only when one does. */
    static final String FORMAT_4 = "webm-columnar/4";

    static final int CHUNK_INDEX_VERSION_4 = 4;

    /** Frame width step: 256, or a multiple when a chunk would need more than 65,536 rows. */
    static final int FRAME_WIDTH = 256;

    static final int MAX_FRAME_WIDTH = 65536;
    static final int FRAME_HEIGHT_STEP = 8;
    static final int MAX_FRAME_HEIGHT = 65536;
    /** 2^28 samples (a 1 GiB int[] frame) per chunk: beyond that, smaller row groups are needed. */
    static final int MAX_CHUNK_SAMPLES = 1 << 28;

    static final String TAG_FORMAT = "LAKEHOUSE_FORMAT";
    static final String TAG_SCHEMA = "LAKEHOUSE_SCHEMA";
    static final String TAG_ROWS = "LAKEHOUSE_ROWS";
    static final String TAG_ROW_GROUPS = "LAKEHOUSE_ROW_GROUPS";
    static final String TAG_COLUMN = "LAKEHOUSE_COLUMN";
    static final String TAG_TYPE = "LAKEHOUSE_TYPE";
    static final String TAG_BIT_DEPTH = "LAKEHOUSE_BIT_DEPTH";
    static final String TAG_NULL_COUNT = "LAKEHOUSE_NULL_COUNT";
    static final String TAG_MIN = "LAKEHOUSE_MIN";
    static final String TAG_MAX = "LAKEHOUSE_MAX";
    static final String TAG_MAPPINGS = "LAKEHOUSE_MAPPINGS";
    static final String TAG_CHUNKS = "LAKEHOUSE_CHUNKS";

    private WebmConstants() {}
}
