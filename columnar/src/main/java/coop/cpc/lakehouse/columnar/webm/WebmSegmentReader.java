package coop.cpc.lakehouse.columnar.webm;

import static coop.cpc.lakehouse.columnar.ebml.EbmlReader.ids;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.CorruptSegmentException;
import coop.cpc.lakehouse.columnar.PrimitiveChunk;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.SchemaException;
import coop.cpc.lakehouse.columnar.SchemaJson;
import coop.cpc.lakehouse.columnar.Values;
import coop.cpc.lakehouse.columnar.av1.Av1FormatException;
import coop.cpc.lakehouse.columnar.av1.Av1Frame;
import coop.cpc.lakehouse.columnar.ebml.EbmlElement;
import coop.cpc.lakehouse.columnar.ebml.EbmlId;
import coop.cpc.lakehouse.columnar.ebml.EbmlReader;
import coop.cpc.lakehouse.columnar.encoding.ChunkDecoder;
import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a segment strictly (section 2 of the spec): every byte is accounted for, every
 * CRC-32 checked, and anything unexpected is a {@link CorruptSegmentException}.
 */
public final class WebmSegmentReader {
    private static final int MAX_HEADER = 12;

    private final SegmentSource source;
    private final SegmentMetadata metadata;
    private final Av1TrackCodec.Decoder[] decoders;

    private WebmSegmentReader(SegmentSource source, SegmentMetadata metadata) {
        this.source = source;
        this.metadata = metadata;
        this.decoders = new Av1TrackCodec.Decoder[metadata.tracks().size()];
    }

    public static WebmSegmentReader open(SegmentSource source) throws IOException {
        try {
            return new WebmSegmentReader(source, new MetadataParser(source).parse());
        } catch (CorruptSegmentException e) {
            throw e.inFile(source.name());
        }
    }

    /** A reader of a segment whose metadata was read before (segments never change once written). */
    public static WebmSegmentReader open(SegmentSource source, SegmentMetadata metadata) {
        return new WebmSegmentReader(source, metadata);
    }

    public SegmentMetadata metadata() {
        return metadata;
    }

    /** The SimpleBlock payloads (AV1 temporal units) of a row group, one per track. */
    public List<Block> blocks(int group) throws IOException {
        try {
            return readBlocks(group);
        } catch (CorruptSegmentException e) {
            throw e.inFile(source.name());
        }
    }

    /**
     * The SimpleBlock payload of one track in a row group, the Cluster checked as by {@link #blocks}: only this
     * track's payload is copied (a column read alone need not copy every track's).
     */
    public Block block(int group, int track) throws IOException {
        if (track < 0 || track >= metadata.tracks().size()) {
            throw new IllegalArgumentException("no track " + track + " (the segment has "
                    + metadata.tracks().size() + ")");
        }
        try {
            return readBlocks(group, track).get(0);
        } catch (CorruptSegmentException e) {
            throw e.inFile(source.name());
        }
    }

    private List<Block> readBlocks(int group) throws IOException {
        return readBlocks(group, -1);
    }

    /** Every track's block ({@code only} negative) or only track {@code only}'s, after checking all of them. */
    private List<Block> readBlocks(int group, int only) throws IOException {
        RowGroupInfo g = metadata.rowGroups().get(group);
        byte[] bytes = source.read(g.clusterOffset(), (int) g.clusterSize(), "Cluster");
        EbmlReader r = new EbmlReader(bytes, g.clusterOffset());
        EbmlElement cluster = r.header(0, bytes.length, "Segment");
        if (cluster.id() != EbmlId.CLUSTER || cluster.endPos() != bytes.length) {
            throw new CorruptSegmentException("not the expected Cluster", "Cluster", g.clusterOffset());
        }
        List<EbmlElement> children = r.children(cluster, true, ids(EbmlId.TIMESTAMP, EbmlId.SIMPLE_BLOCK));
        int tracks = metadata.tracks().size();
        if (children.size() != tracks + 1
                || children.get(0).id() != EbmlId.TIMESTAMP
                || r.uint(children.get(0)) != group) {
            throw new CorruptSegmentException("unexpected Cluster content", "Cluster", g.clusterOffset());
        }
        List<Block> blocks = new ArrayList<>();
        for (int t = 0; t < tracks; t++) {
            EbmlElement b = children.get(t + 1);
            if (b.id() != EbmlId.SIMPLE_BLOCK) {
                throw new CorruptSegmentException("expected SimpleBlock", "Cluster", b.offset());
            }
            byte[] track = WebmSegmentWriter.simpleBlock(t + 1, new byte[0]);
            if (b.size() <= track.length
                    || !Arrays.equals(bytes, b.dataPos(), b.dataPos() + track.length, track, 0, track.length)) {
                throw new CorruptSegmentException("SimpleBlock of the wrong track or flags", "SimpleBlock", b.offset());
            }
            if (only < 0 || t == only) {
                blocks.add(new Block(t, b.offset(), Arrays.copyOfRange(bytes, b.dataPos() + track.length, b.endPos())));
            }
        }
        return blocks;
    }

    /** One track's AV1 temporal unit in one row group. */
    public record Block(int track, long offset, byte[] payload) {}

    /** The decoded samples of a block's frame (W x H), checked against the track entry. */
    public int[] samples(Block block) throws CorruptSegmentException {
        try {
            return decodeFrame(block);
        } catch (CorruptSegmentException e) {
            throw e.inFile(source.name());
        }
    }

    private int[] decodeFrame(Block block) throws CorruptSegmentException {
        TrackInfo track = metadata.tracks().get(block.track());
        try {
            if (decoders[block.track()] == null) {
                decoders[block.track()] =
                        new Av1TrackCodec.Decoder(track.codecPrivate(), track.width(), track.height());
            }
            Av1Frame f = decoders[block.track()].decode(block.payload());
            if (f.width() != track.width()
                    || f.height() != track.height()
                    || f.bitDepth() != track.bitDepth()
                    || f.samples().length != track.width() * track.height()) {
                throw new CorruptSegmentException(
                        "frame geometry differs from the track's", "SimpleBlock", block.offset());
            }
            return f.samples();
        } catch (Av1FormatException | RuntimeException e) {
            throw new CorruptSegmentException(
                    "AV1 frame does not decode (" + e.getMessage() + ")", "SimpleBlock", block.offset(), e);
        }
    }

    /**
     * The values of one track's chunk in a row group. Whatever goes wrong decoding them (any RuntimeException:
     * the file's counts disagree with its samples) is a CorruptSegmentException naming the SimpleBlock.
     */
    public Object[] values(Block block, int group) throws CorruptSegmentException {
        TrackInfo track = metadata.tracks().get(block.track());
        ChunkDescriptor d = track.chunks().get(group);
        int[] samples = checkedSamples(block, d);
        try {
            return TrackLayout.decodeChunk(track.column().type(), d, samples, track.bitDepth());
        } catch (RuntimeException e) {
            throw new CorruptSegmentException(problem(e), "SimpleBlock", block.offset(), e).inFile(source.name());
        }
    }

    /** One numeric track's chunk in a row group as primitives (no boxed values); corrupt chunks as {@link #values}. */
    public PrimitiveChunk primitives(Block block, int group) throws CorruptSegmentException {
        TrackInfo track = metadata.tracks().get(block.track());
        if (track.column().type().isBinaryLike()) {
            throw new IllegalArgumentException("a " + track.column().type() + " column has no primitive form");
        }
        ChunkDescriptor d = track.chunks().get(group);
        int[] samples = checkedSamples(block, d);
        try {
            return TrackLayout.decodePrimitive(track.column().type(), group, d, samples, track.bitDepth());
        } catch (RuntimeException e) {
            throw new CorruptSegmentException(problem(e), "SimpleBlock", block.offset(), e).inFile(source.name());
        }
    }

    /** The decoder's own message for the checks it makes, the exception's class for what it did not foresee. */
    private static String problem(RuntimeException e) {
        return e instanceof IllegalArgumentException && e.getMessage() != null
                ? e.getMessage()
                : "chunk does not decode (" + e + ")";
    }

    private int[] checkedSamples(Block block, ChunkDescriptor d) throws CorruptSegmentException {
        int[] samples = samples(block);
        int real = d.sampleCount();
        int pad = real == 0 ? 0 : samples[real - 1];
        for (int i = real; i < samples.length; i++) {
            if (samples[i] != pad) {
                throw new CorruptSegmentException("padding differs from the last sample", "SimpleBlock", block.offset())
                        .inFile(source.name());
            }
        }
        return samples;
    }

    /** Parses and cross-checks everything but the Clusters' content. */
    private static final class MetadataParser {
        private final SegmentSource source;
        private long segmentData;

        MetadataParser(SegmentSource source) {
            this.source = source;
        }

        SegmentMetadata parse() throws IOException {
            long length = source.length();
            byte[] expectedHeader = WebmSegmentWriter.ebmlHeader();
            if (length < expectedHeader.length + 12) {
                throw new CorruptSegmentException("file too short for a segment", "EBML", 0);
            }
            byte[] head = source.read(0, expectedHeader.length + 12, "EBML");
            if (!Arrays.equals(head, 0, expectedHeader.length, expectedHeader, 0, expectedHeader.length)) {
                throw new CorruptSegmentException("EBML header is not that of a webm-columnar segment", "EBML", 0);
            }
            int s = expectedHeader.length;
            byte[] segId = EbmlId.SEGMENT.idBytes();
            if (!Arrays.equals(head, s, s + 4, segId, 0, 4) || head[s + 4] != 1) {
                throw new CorruptSegmentException("expected a Segment with an 8-byte size", "Segment", s);
            }
            long size = 0;
            for (int i = 1; i < 8; i++) {
                size = (size << 8) | (head[s + 4 + i] & 0xFF);
            }
            segmentData = s + 12L;
            if (size != length - segmentData) {
                throw new CorruptSegmentException("Segment size does not match the file length", "Segment", s);
            }

            List<EbmlElement> top = scan(length);
            int n = top.size();
            if (n < 5
                    || top.get(0).id() != EbmlId.SEEK_HEAD
                    || top.get(1).id() != EbmlId.INFO
                    || top.get(2).id() != EbmlId.TRACKS
                    || top.get(n - 2).id() != EbmlId.CUES
                    || top.get(n - 1).id() != EbmlId.TAGS) {
                throw new CorruptSegmentException("top-level elements out of order", "Segment", s);
            }
            List<EbmlElement> clusters = top.subList(3, n - 2);
            for (EbmlElement c : clusters) {
                if (c.id() != EbmlId.CLUSTER) {
                    throw new CorruptSegmentException("unexpected " + c.id().elementName(), "Segment", c.offset());
                }
            }
            checkSeekHead(top.get(0), top.get(1), top.get(2), top.get(n - 2), top.get(n - 1));
            String title = parseInfo(top.get(1), clusters.size());
            List<TrackEntry> entries = parseTracks(top.get(2));
            checkCues(top.get(n - 2), clusters);
            return parseTags(top.get(n - 1), entries, clusters, title, length);
        }

        private List<EbmlElement> scan(long length) throws IOException {
            List<EbmlElement> out = new ArrayList<>();
            long pos = segmentData;
            while (pos < length) {
                int n = (int) Math.min(MAX_HEADER, length - pos);
                byte[] h = source.read(pos, n, "Segment");
                EbmlElement e = new EbmlReader(h, pos).header(0, n, "Segment", length - pos);
                out.add(e);
                pos = e.fileEnd();
            }
            return out;
        }

        private Parsed load(EbmlElement top) throws IOException {
            int len = (int) (top.fileEnd() - top.offset());
            byte[] bytes = source.read(top.offset(), len, top.id().elementName());
            EbmlReader r = new EbmlReader(bytes, top.offset());
            return new Parsed(r, r.header(0, len, "Segment"));
        }

        private record Parsed(EbmlReader r, EbmlElement e) {}

        private void checkSeekHead(EbmlElement seekHead, EbmlElement... targets) throws IOException {
            Parsed p = load(seekHead);
            List<EbmlElement> seeks = p.r().children(p.e(), true, ids(EbmlId.SEEK));
            if (seeks.size() != 4) {
                throw new CorruptSegmentException("expected 4 Seek entries", "SeekHead", seekHead.offset());
            }
            EbmlId[] expected = {EbmlId.INFO, EbmlId.TRACKS, EbmlId.CUES, EbmlId.TAGS};
            for (int i = 0; i < 4; i++) {
                List<EbmlElement> kids = p.r().children(seeks.get(i), false, ids(EbmlId.SEEK_ID, EbmlId.SEEK_POSITION));
                if (kids.size() != 2
                        || kids.get(0).id() != EbmlId.SEEK_ID
                        || !Arrays.equals(p.r().binary(kids.get(0)), expected[i].idBytes())
                        || p.r().uint(kids.get(1)) != targets[i].offset() - segmentData) {
                    throw new CorruptSegmentException(
                            "Seek entry does not point at " + expected[i].elementName(),
                            "Seek",
                            seeks.get(i).offset());
                }
            }
        }

        private String parseInfo(EbmlElement info, int groups) throws IOException {
            Parsed p = load(info);
            String title = null;
            boolean scale = false;
            boolean duration = false;
            for (EbmlElement e : p.r().children(
                            p.e(),
                            true,
                            ids(
                                    EbmlId.TIMESTAMP_SCALE,
                                    EbmlId.MUXING_APP,
                                    EbmlId.WRITING_APP,
                                    EbmlId.TITLE,
                                    EbmlId.DURATION))) {
                switch (e.id()) {
                    case TIMESTAMP_SCALE -> scale = p.r().uint(e) == WebmConstants.TIMESTAMP_SCALE;
                    case DURATION -> duration = p.r().float64(e) == groups;
                    case TITLE -> title = p.r().string(e);
                    default -> {}
                }
            }
            if (!scale || !duration) {
                throw new CorruptSegmentException(
                        "TimestampScale or Duration is not as written", "Info", info.offset());
            }
            return title;
        }

        private record TrackEntry(String name, byte[] codecPrivate, int width, int height) {}

        private List<TrackEntry> parseTracks(EbmlElement tracks) throws IOException {
            Parsed p = load(tracks);
            EbmlReader r = p.r();
            List<TrackEntry> out = new ArrayList<>();
            for (EbmlElement entry : r.children(p.e(), true, ids(EbmlId.TRACK_ENTRY))) {
                long number = out.size() + 1L;
                Map<EbmlId, EbmlElement> f = unique(
                        r,
                        entry,
                        ids(
                                EbmlId.TRACK_NUMBER,
                                EbmlId.TRACK_UID,
                                EbmlId.TRACK_TYPE,
                                EbmlId.FLAG_LACING,
                                EbmlId.NAME,
                                EbmlId.CODEC_ID,
                                EbmlId.CODEC_PRIVATE,
                                EbmlId.VIDEO));
                if (f.size() != 8
                        || r.uint(f.get(EbmlId.TRACK_NUMBER)) != number
                        || r.uint(f.get(EbmlId.TRACK_UID)) != number
                        || r.uint(f.get(EbmlId.TRACK_TYPE)) != WebmConstants.TRACK_TYPE_VIDEO
                        || r.uint(f.get(EbmlId.FLAG_LACING)) != 0
                        || !WebmConstants.CODEC_ID.equals(r.string(f.get(EbmlId.CODEC_ID)))) {
                    throw new CorruptSegmentException(
                            "TrackEntry " + number + " is not as written", "TrackEntry", entry.offset());
                }
                Map<EbmlId, EbmlElement> v =
                        unique(r, f.get(EbmlId.VIDEO), ids(EbmlId.PIXEL_WIDTH, EbmlId.PIXEL_HEIGHT));
                if (v.size() != 2) {
                    throw new CorruptSegmentException(
                            "Video lacks its size", "Video", f.get(EbmlId.VIDEO).offset());
                }
                long w = r.uint(v.get(EbmlId.PIXEL_WIDTH));
                long h = r.uint(v.get(EbmlId.PIXEL_HEIGHT));
                if (w < WebmConstants.FRAME_WIDTH
                        || w > WebmConstants.MAX_FRAME_WIDTH
                        || w % WebmConstants.FRAME_WIDTH != 0
                        || h < 1
                        || h > WebmConstants.MAX_FRAME_HEIGHT
                        || h % WebmConstants.FRAME_HEIGHT_STEP != 0
                        || w * h > TrackLayout.MAX_FRAME_SAMPLES) {
                    throw new CorruptSegmentException(
                            "unexpected frame size " + w + "x" + h,
                            "Video",
                            f.get(EbmlId.VIDEO).offset());
                }
                out.add(new TrackEntry(
                        r.string(f.get(EbmlId.NAME)), r.binary(f.get(EbmlId.CODEC_PRIVATE)), (int) w, (int) h));
            }
            if (out.isEmpty()) {
                throw new CorruptSegmentException("no TrackEntry", "Tracks", tracks.offset());
            }
            return out;
        }

        private static Map<EbmlId, EbmlElement> unique(EbmlReader r, EbmlElement master, Set<EbmlId> allowed)
                throws CorruptSegmentException {
            Map<EbmlId, EbmlElement> out = new HashMap<>();
            for (EbmlElement e : r.children(master, false, allowed)) {
                if (out.put(e.id(), e) != null) {
                    throw new CorruptSegmentException(
                            "duplicate " + e.id().elementName(), master.id().elementName(), e.offset());
                }
            }
            return out;
        }

        private void checkCues(EbmlElement cues, List<EbmlElement> clusters) throws IOException {
            Parsed p = load(cues);
            EbmlReader r = p.r();
            List<EbmlElement> points = r.children(p.e(), true, ids(EbmlId.CUE_POINT));
            if (points.size() != clusters.size()) {
                throw new CorruptSegmentException(
                        "CuePoint count differs from the Cluster count", "Cues", cues.offset());
            }
            for (int g = 0; g < points.size(); g++) {
                Map<EbmlId, EbmlElement> cp =
                        unique(r, points.get(g), ids(EbmlId.CUE_TIME, EbmlId.CUE_TRACK_POSITIONS));
                Map<EbmlId, EbmlElement> tp = cp.size() == 2
                        ? unique(
                                r,
                                cp.get(EbmlId.CUE_TRACK_POSITIONS),
                                ids(EbmlId.CUE_TRACK, EbmlId.CUE_CLUSTER_POSITION))
                        : Map.of();
                if (tp.size() != 2
                        || r.uint(cp.get(EbmlId.CUE_TIME)) != g
                        || r.uint(tp.get(EbmlId.CUE_TRACK)) != 1
                        || r.uint(tp.get(EbmlId.CUE_CLUSTER_POSITION))
                                != clusters.get(g).offset() - segmentData) {
                    throw new CorruptSegmentException(
                            "CuePoint " + g + " does not point at its Cluster",
                            "CuePoint",
                            points.get(g).offset());
                }
            }
        }

        private SegmentMetadata parseTags(
                EbmlElement tagsElement,
                List<TrackEntry> entries,
                List<EbmlElement> clusters,
                String title,
                long length)
                throws IOException {
            Parsed p = load(tagsElement);
            EbmlReader r = p.r();
            List<EbmlElement> tags = r.children(p.e(), true, ids(EbmlId.TAG));
            if (tags.size() != entries.size() + 1) {
                throw new CorruptSegmentException("expected one Tag per track plus one", "Tags", tagsElement.offset());
            }
            Map<String, EbmlElement> seg = simpleTags(r, tags.get(0), 0);
            EbmlElement at = tags.get(0);
            String format = text(r, seg, WebmConstants.TAG_FORMAT, at);
            int formatVersion;
            if (WebmConstants.FORMAT.equals(format)) {
                formatVersion = WebmConstants.CHUNK_INDEX_VERSION;
            } else if (WebmConstants.FORMAT_2.equals(format)) {
                formatVersion = WebmConstants.CHUNK_INDEX_VERSION_2;
            } else if (WebmConstants.FORMAT_3.equals(format)) {
                formatVersion = WebmConstants.CHUNK_INDEX_VERSION_3;
            } else if (WebmConstants.FORMAT_4.equals(format)) {
                formatVersion = WebmConstants.CHUNK_INDEX_VERSION_4;
            } else {
                throw new CorruptSegmentException("unsupported format " + format, "Tag", at.offset());
            }
            Schema schema;
            List<Integer> groupRows = new ArrayList<>();
            long rows;
            try {
                schema = SchemaJson.parse(text(r, seg, WebmConstants.TAG_SCHEMA, at));
                rows = Long.parseLong(text(r, seg, WebmConstants.TAG_ROWS, at));
                for (String g : text(r, seg, WebmConstants.TAG_ROW_GROUPS, at).split(",", -1)) {
                    groupRows.add(Integer.parseInt(g));
                }
            } catch (SchemaException | NumberFormatException e) {
                throw new CorruptSegmentException("bad segment tags (" + e.getMessage() + ")", "Tag", at.offset(), e);
            }
            if (schema.size() != entries.size()
                    || groupRows.size() != clusters.size()
                    || groupRows.stream().mapToLong(Integer::longValue).sum() != rows
                    || groupRows.stream().anyMatch(n -> n < 1)) {
                throw new CorruptSegmentException("segment tags disagree with Tracks or Clusters", "Tag", at.offset());
            }
            for (int g = 0; g < groupRows.size(); g++) {
                if (groupRows.get(g) > ChunkDescriptor.MAX_ROWS) {
                    throw new CorruptSegmentException(
                            "row group " + g + " has " + groupRows.get(g) + " rows, more than the format's "
                                    + ChunkDescriptor.MAX_ROWS,
                            "Tag",
                            at.offset());
                }
            }
            List<RowGroupInfo> groups = new ArrayList<>();
            long first = 0;
            for (int g = 0; g < clusters.size(); g++) {
                EbmlElement c = clusters.get(g);
                groups.add(new RowGroupInfo(g, groupRows.get(g), first, c.offset(), c.fileEnd() - c.offset()));
                first += groupRows.get(g);
            }
            List<TrackInfo> tracks = new ArrayList<>();
            for (int t = 0; t < entries.size(); t++) {
                EbmlElement tag = tags.get(t + 1);
                tracks.add(trackInfo(r, tag, t, schema.column(t), entries.get(t), groupRows, formatVersion));
            }
            return new SegmentMetadata(schema, title, rows, groups, tracks, length, format);
        }

        private TrackInfo trackInfo(
                EbmlReader r,
                EbmlElement tag,
                int t,
                Column column,
                TrackEntry entry,
                List<Integer> groupRows,
                int formatVersion)
                throws CorruptSegmentException {
            Map<String, EbmlElement> st = simpleTags(r, tag, t + 1);
            String where = "Tag";
            if (!column.name().equals(entry.name())
                    || !column.name().equals(text(r, st, WebmConstants.TAG_COLUMN, tag))
                    || !column.type().toString().equals(text(r, st, WebmConstants.TAG_TYPE, tag))) {
                throw new CorruptSegmentException(
                        "track " + (t + 1) + " tags disagree with the schema", where, tag.offset());
            }
            int bitDepth;
            long nullCount;
            List<ChunkDescriptor> chunks;
            EbmlElement chunkTag = st.get(WebmConstants.TAG_CHUNKS);
            try {
                bitDepth = Integer.parseInt(text(r, st, WebmConstants.TAG_BIT_DEPTH, tag));
                nullCount = Long.parseLong(text(r, st, WebmConstants.TAG_NULL_COUNT, tag));
                if (chunkTag == null || chunkTag.id() != EbmlId.TAG_BINARY) {
                    throw new IllegalArgumentException("no chunk index");
                }
                chunks = ChunkIndex.read(column.type(), r.binary(chunkTag), formatVersion);
            } catch (IllegalArgumentException e) {
                throw new CorruptSegmentException(
                        "bad chunk index of track " + (t + 1) + " (" + e.getMessage() + ")", where, tag.offset(), e);
            }
            if (bitDepth != 8 && bitDepth != 10 && bitDepth != 12 || chunks.size() != groupRows.size()) {
                throw new CorruptSegmentException("track " + (t + 1) + " tags are inconsistent", where, tag.offset());
            }
            long nulls = 0;
            long capacity = (long) entry.width() * entry.height();
            for (int g = 0; g < chunks.size(); g++) {
                ChunkDescriptor d = chunks.get(g);
                nulls += d.nulls();
                if (d.rows() != groupRows.get(g)
                        || d.sampleCount() > capacity
                        || (!column.nullable() && d.nulls() > 0)) {
                    throw new CorruptSegmentException(
                            "chunk " + g + " of track " + (t + 1) + " is inconsistent", where, tag.offset());
                }
                try {
                    ChunkDecoder.checkStreamLengths(d);
                } catch (IllegalArgumentException e) {
                    throw new CorruptSegmentException(
                            "chunk " + g + " of track " + (t + 1) + " is inconsistent (" + e.getMessage() + ")",
                            where,
                            tag.offset(),
                            e);
                }
            }
            if (nulls != nullCount) {
                throw new CorruptSegmentException(
                        "null count of track " + (t + 1) + " is inconsistent", where, tag.offset());
            }
            Object[] minMax = ColumnStats.minMax(column.type(), chunks);
            String mappings = chunks.stream().map(ChunkDescriptor::mappingLabel).collect(Collectors.joining(";"));
            if (!mappings.equals(text(r, st, WebmConstants.TAG_MAPPINGS, tag))
                    || !Objects.equals(
                            minMax == null ? null : Values.format(column.type(), minMax[0]),
                            optionalText(r, st, WebmConstants.TAG_MIN))
                    || !Objects.equals(
                            minMax == null ? null : Values.format(column.type(), minMax[1]),
                            optionalText(r, st, WebmConstants.TAG_MAX))
                    || st.size() != (minMax == null ? 6 : 8)) {
                throw new CorruptSegmentException(
                        "track " + (t + 1) + " descriptive tags disagree with its chunk index", where, tag.offset());
            }
            return new TrackInfo(
                    t + 1,
                    column,
                    bitDepth,
                    entry.width(),
                    entry.height(),
                    entry.codecPrivate(),
                    chunks,
                    nullCount,
                    minMax == null ? null : minMax[0],
                    minMax == null ? null : minMax[1]);
        }

        /** A Tag's SimpleTags by name (value element), after checking its Targets. */
        private static Map<String, EbmlElement> simpleTags(EbmlReader r, EbmlElement tag, long trackUid)
                throws CorruptSegmentException {
            List<EbmlElement> kids = r.children(tag, false, ids(EbmlId.TARGETS, EbmlId.SIMPLE_TAG));
            if (kids.isEmpty() || kids.get(0).id() != EbmlId.TARGETS) {
                throw new CorruptSegmentException("Tag without Targets", "Tag", tag.offset());
            }
            Map<EbmlId, EbmlElement> targets =
                    unique(r, kids.get(0), ids(EbmlId.TARGET_TYPE_VALUE, EbmlId.TAG_TRACK_UID));
            EbmlElement uid = targets.get(EbmlId.TAG_TRACK_UID);
            EbmlElement ttv = targets.get(EbmlId.TARGET_TYPE_VALUE);
            if (ttv == null
                    || r.uint(ttv) != WebmConstants.TARGET_TYPE_VALUE
                    || (trackUid == 0 ? uid != null : uid == null || r.uint(uid) != trackUid)) {
                throw new CorruptSegmentException(
                        "unexpected Targets", "Targets", kids.get(0).offset());
            }
            Map<String, EbmlElement> out = new HashMap<>();
            for (EbmlElement s : kids.subList(1, kids.size())) {
                if (s.id() != EbmlId.SIMPLE_TAG) {
                    throw new CorruptSegmentException("unexpected Targets", "Tag", s.offset());
                }
                List<EbmlElement> nv = r.children(s, false, ids(EbmlId.TAG_NAME, EbmlId.TAG_STRING, EbmlId.TAG_BINARY));
                if (nv.size() != 2
                        || nv.get(0).id() != EbmlId.TAG_NAME
                        || nv.get(1).id() == EbmlId.TAG_NAME
                        || out.put(r.string(nv.get(0)), nv.get(1)) != null) {
                    throw new CorruptSegmentException("malformed SimpleTag", "SimpleTag", s.offset());
                }
            }
            return out;
        }

        private static String optionalText(EbmlReader r, Map<String, EbmlElement> tags, String name) {
            EbmlElement e = tags.get(name);
            return e == null || e.id() != EbmlId.TAG_STRING ? null : r.string(e);
        }

        private static String text(EbmlReader r, Map<String, EbmlElement> tags, String name, EbmlElement tag)
                throws CorruptSegmentException {
            EbmlElement e = tags.get(name);
            if (e == null || e.id() != EbmlId.TAG_STRING) {
                throw new CorruptSegmentException("missing " + name, "Tag", tag.offset());
            }
            return r.string(e);
        }
    }
}
