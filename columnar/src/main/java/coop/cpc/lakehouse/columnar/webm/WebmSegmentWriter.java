package coop.cpc.lakehouse.columnar.webm;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.SchemaJson;
import coop.cpc.lakehouse.columnar.Values;
import coop.cpc.lakehouse.columnar.av1.SearchPreset;
import coop.cpc.lakehouse.columnar.ebml.EbmlId;
import coop.cpc.lakehouse.columnar.ebml.EbmlWriter;
import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.encoding.EncodedChunk;
import coop.cpc.lakehouse.columnar.encoding.TransformedStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Lays a segment out as docs/format/webm-columnar.md section 1 describes, byte for byte. */
public final class WebmSegmentWriter {
    private WebmSegmentWriter() {}

    public static byte[] write(SegmentContent content) throws IOException {
        int columns = content.schema().size();
        int groups = content.rowGroupRows().size();
        long[] columnCost = new long[columns];
        for (int c = 0; c < columns; c++) {
            for (EncodedChunk chunk : content.columns().get(c)) {
                for (TransformedStream stream : chunk.streams()) {
                    columnCost[c] += stream.residuals().length;
                }
            }
        }
        List<TrackLayout> layouts = ParallelTasks.run(
                content.threads(),
                columns,
                columnCost,
                c -> TrackLayout.of(
                        content.columns().get(c),
                        content.bitDepth(),
                        content.formatVersion() >= 2,
                        content.formatVersion() >= 3));
        // Every frame of every track on its own task (row groups in parallel, not only columns), the frames
        // with the most samples started first.
        long[] frameCost = new long[columns * groups];
        for (int i = 0; i < frameCost.length; i++) {
            frameCost[i] = layouts.get(i / groups).chunks.get(i % groups).sampleCount();
        }
        List<byte[]> frames = ParallelTasks.run(
                content.threads(),
                columns * groups,
                frameCost,
                i -> Av1TrackCodec.encodeFrame(
                        layouts.get(i / groups), i % groups, preset(content, layouts.get(i / groups), i / groups)));
        return layOut(content, layouts, frames);
    }

    /**
     * The segment's bytes from its tracks' layouts and their encoded frames ({@code frames}: track by track,
     * row group by row group, SimpleBlock payloads as {@link Av1TrackCodec#encodeFrame} makes them).
     */
    static byte[] layOut(SegmentContent content, List<TrackLayout> layouts, List<byte[]> frames) throws IOException {
        int columns = content.schema().size();
        int groups = content.rowGroupRows().size();
        int version = layouts.stream().anyMatch(TrackLayout::usesVersion4)
                ? 4
                : layouts.stream().anyMatch(TrackLayout::usesVersion3)
                        ? 3
                        : layouts.stream().anyMatch(TrackLayout::usesVersion2) ? 2 : 1;
        List<Av1TrackCodec.EncodedTrack> tracks = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            tracks.add(new Av1TrackCodec.EncodedTrack(
                    Av1TrackCodec.codecPrivate(layouts.get(c)), frames.subList(c * groups, (c + 1) * groups)));
        }

        byte[] info = info(content.title(), groups);
        byte[] tracksElement = tracks(content, layouts, tracks);
        List<byte[]> clusters = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            clusters.add(cluster(g, tracks));
        }
        byte[] tags = tags(content, layouts, version);

        // SeekHead's size depends on the positions it holds and they depend on its size:
        // iterate until it stops changing (at most a few rounds, sizes only grow).
        int seekHeadSize = 0;
        byte[] seekHead;
        byte[] cues;
        while (true) {
            long infoPos = seekHeadSize;
            long tracksPos = infoPos + info.length;
            long[] clusterPos = new long[groups];
            long pos = tracksPos + tracksElement.length;
            for (int g = 0; g < groups; g++) {
                clusterPos[g] = pos;
                pos += clusters.get(g).length;
            }
            long cuesPos = pos;
            cues = cues(clusterPos);
            long tagsPos = cuesPos + cues.length;
            seekHead = seekHead(infoPos, tracksPos, cuesPos, tagsPos);
            if (seekHead.length == seekHeadSize) {
                break;
            }
            seekHeadSize = seekHead.length;
        }

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(seekHead);
        body.writeBytes(info);
        body.writeBytes(tracksElement);
        clusters.forEach(body::writeBytes);
        body.writeBytes(cues);
        body.writeBytes(tags);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ebmlHeader());
        out.writeBytes(EbmlId.SEGMENT.idBytes());
        out.writeBytes(EbmlWriter.encodeSize(body.size(), WebmConstants.SEGMENT_SIZE_LENGTH));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /**
     * THOROUGH for the columns asked for and for byte streams laid out as samples (LENGTH_BYTES chunks): text
     * bytes lose about 10 % to FAST's two modes (measured on note-like text), numbers under 0.5 %. EXACT_PALETTES
     * for tracks of deflated text only (every chunk DEFLATE_BYTES), else FAST.
     */
    static SearchPreset preset(SegmentContent content, TrackLayout layout, int column) {
        return preset(
                content.thoroughColumns(),
                content.schema().column(column).name(),
                layout.chunks.stream()
                        .anyMatch(c -> c.encoding() == coop.cpc.lakehouse.columnar.encoding.Encoding.LENGTH_BYTES),
                layout.chunks.stream()
                        .allMatch(c -> c.encoding() == coop.cpc.lakehouse.columnar.encoding.Encoding.DEFLATE_BYTES));
    }

    static SearchPreset preset(
            java.util.Set<String> thoroughColumns, String column, boolean lengthBytes, boolean deflatedOnly) {
        if (thoroughColumns.contains(column) || lengthBytes) {
            return SearchPreset.THOROUGH;
        }
        return deflatedOnly ? SearchPreset.EXACT_PALETTES : SearchPreset.FAST;
    }

    static byte[] ebmlHeader() {
        return new EbmlWriter()
                .master(
                        EbmlId.EBML,
                        w -> w.uint(EbmlId.EBML_VERSION, 1)
                                .uint(EbmlId.EBML_READ_VERSION, 1)
                                .uint(EbmlId.EBML_MAX_ID_LENGTH, 4)
                                .uint(EbmlId.EBML_MAX_SIZE_LENGTH, 8)
                                .string(EbmlId.DOC_TYPE, WebmConstants.DOC_TYPE)
                                .uint(EbmlId.DOC_TYPE_VERSION, WebmConstants.DOC_TYPE_VERSION)
                                .uint(EbmlId.DOC_TYPE_READ_VERSION, WebmConstants.DOC_TYPE_READ_VERSION))
                .toByteArray();
    }

    private static byte[] seekHead(long info, long tracks, long cues, long tags) {
        return new EbmlWriter()
                .masterWithCrc(EbmlId.SEEK_HEAD, w -> {
                    seek(w, EbmlId.INFO, info);
                    seek(w, EbmlId.TRACKS, tracks);
                    seek(w, EbmlId.CUES, cues);
                    seek(w, EbmlId.TAGS, tags);
                })
                .toByteArray();
    }

    private static void seek(EbmlWriter w, EbmlId id, long position) {
        w.master(EbmlId.SEEK, s -> s.binary(EbmlId.SEEK_ID, id.idBytes()).uint(EbmlId.SEEK_POSITION, position));
    }

    private static byte[] info(String title, int groups) {
        return new EbmlWriter()
                .masterWithCrc(EbmlId.INFO, w -> {
                    w.uint(EbmlId.TIMESTAMP_SCALE, WebmConstants.TIMESTAMP_SCALE);
                    w.string(EbmlId.MUXING_APP, WebmConstants.MUXING_APP);
                    w.string(EbmlId.WRITING_APP, WebmConstants.WRITING_APP);
                    if (title != null) {
                        w.string(EbmlId.TITLE, title);
                    }
                    w.float64(EbmlId.DURATION, groups);
                })
                .toByteArray();
    }

    private static byte[] tracks(
            SegmentContent content, List<TrackLayout> layouts, List<Av1TrackCodec.EncodedTrack> tracks) {
        return new EbmlWriter()
                .masterWithCrc(EbmlId.TRACKS, w -> {
                    for (int c = 0; c < layouts.size(); c++) {
                        TrackLayout layout = layouts.get(c);
                        byte[] codecPrivate = tracks.get(c).codecPrivate();
                        String name = content.schema().column(c).name();
                        long number = c + 1L;
                        w.master(
                                EbmlId.TRACK_ENTRY,
                                t -> t.uint(EbmlId.TRACK_NUMBER, number)
                                        .uint(EbmlId.TRACK_UID, number)
                                        .uint(EbmlId.TRACK_TYPE, WebmConstants.TRACK_TYPE_VIDEO)
                                        .uint(EbmlId.FLAG_LACING, 0)
                                        .string(EbmlId.NAME, name)
                                        .string(EbmlId.CODEC_ID, WebmConstants.CODEC_ID)
                                        .binary(EbmlId.CODEC_PRIVATE, codecPrivate)
                                        .master(
                                                EbmlId.VIDEO,
                                                v -> v.uint(EbmlId.PIXEL_WIDTH, layout.width)
                                                        .uint(EbmlId.PIXEL_HEIGHT, layout.height)));
                    }
                })
                .toByteArray();
    }

    private static byte[] cluster(int group, List<Av1TrackCodec.EncodedTrack> tracks) {
        return new EbmlWriter()
                .masterWithCrc(EbmlId.CLUSTER, w -> {
                    w.uint(EbmlId.TIMESTAMP, group);
                    for (int c = 0; c < tracks.size(); c++) {
                        w.binary(
                                EbmlId.SIMPLE_BLOCK,
                                simpleBlock(c + 1, tracks.get(c).blocks().get(group)));
                    }
                })
                .toByteArray();
    }

    /** SimpleBlock data: track number vint, relative timestamp 0, key frame flag, frame. */
    static byte[] simpleBlock(int trackNumber, byte[] frame) {
        byte[] track = EbmlWriter.encodeSize(trackNumber);
        byte[] out = new byte[track.length + 3 + frame.length];
        System.arraycopy(track, 0, out, 0, track.length);
        out[track.length + 2] = (byte) WebmConstants.SIMPLE_BLOCK_KEYFRAME;
        System.arraycopy(frame, 0, out, track.length + 3, frame.length);
        return out;
    }

    private static byte[] cues(long[] clusterPositions) {
        return new EbmlWriter()
                .masterWithCrc(EbmlId.CUES, w -> {
                    for (int g = 0; g < clusterPositions.length; g++) {
                        long time = g;
                        long position = clusterPositions[g];
                        w.master(
                                EbmlId.CUE_POINT,
                                p -> p.uint(EbmlId.CUE_TIME, time)
                                        .master(
                                                EbmlId.CUE_TRACK_POSITIONS,
                                                t -> t.uint(EbmlId.CUE_TRACK, 1)
                                                        .uint(EbmlId.CUE_CLUSTER_POSITION, position)));
                    }
                })
                .toByteArray();
    }

    private static byte[] tags(SegmentContent content, List<TrackLayout> layouts, int version) {
        long rows =
                content.rowGroupRows().stream().mapToLong(Integer::longValue).sum();
        String groups = content.rowGroupRows().stream().map(String::valueOf).collect(Collectors.joining(","));
        return new EbmlWriter()
                .masterWithCrc(EbmlId.TAGS, w -> {
                    w.master(EbmlId.TAG, t -> {
                        t.master(
                                EbmlId.TARGETS, x -> x.uint(EbmlId.TARGET_TYPE_VALUE, WebmConstants.TARGET_TYPE_VALUE));
                        simpleTag(
                                t,
                                WebmConstants.TAG_FORMAT,
                                version == 4
                                        ? WebmConstants.FORMAT_4
                                        : version == 3
                                                ? WebmConstants.FORMAT_3
                                                : version == 2 ? WebmConstants.FORMAT_2 : WebmConstants.FORMAT);
                        simpleTag(t, WebmConstants.TAG_SCHEMA, SchemaJson.format(content.schema()));
                        simpleTag(t, WebmConstants.TAG_ROWS, Long.toString(rows));
                        simpleTag(t, WebmConstants.TAG_ROW_GROUPS, groups);
                    });
                    for (int c = 0; c < layouts.size(); c++) {
                        Column column = content.schema().column(c);
                        TrackLayout layout = layouts.get(c);
                        long uid = c + 1L;
                        w.master(EbmlId.TAG, t -> {
                            t.master(
                                    EbmlId.TARGETS,
                                    x -> x.uint(EbmlId.TARGET_TYPE_VALUE, WebmConstants.TARGET_TYPE_VALUE)
                                            .uint(EbmlId.TAG_TRACK_UID, uid));
                            simpleTag(t, WebmConstants.TAG_COLUMN, column.name());
                            simpleTag(t, WebmConstants.TAG_TYPE, column.type().toString());
                            simpleTag(t, WebmConstants.TAG_BIT_DEPTH, Integer.toString(layout.bitDepth));
                            simpleTag(
                                    t,
                                    WebmConstants.TAG_NULL_COUNT,
                                    Long.toString(layout.chunks.stream()
                                            .mapToLong(ChunkDescriptor::nulls)
                                            .sum()));
                            Object[] minMax = ColumnStats.minMax(column.type(), layout.chunks);
                            if (minMax != null) {
                                simpleTag(t, WebmConstants.TAG_MIN, Values.format(column.type(), minMax[0]));
                                simpleTag(t, WebmConstants.TAG_MAX, Values.format(column.type(), minMax[1]));
                            }
                            simpleTag(
                                    t,
                                    WebmConstants.TAG_MAPPINGS,
                                    layout.chunks.stream()
                                            .map(ChunkDescriptor::mappingLabel)
                                            .collect(Collectors.joining(";")));
                            t.master(
                                    EbmlId.SIMPLE_TAG,
                                    s -> s.string(EbmlId.TAG_NAME, WebmConstants.TAG_CHUNKS)
                                            .binary(
                                                    EbmlId.TAG_BINARY,
                                                    ChunkIndex.write(
                                                            column.type(),
                                                            layout.chunks,
                                                            version == 4
                                                                    ? WebmConstants.CHUNK_INDEX_VERSION_4
                                                                    : version == 3
                                                                            ? WebmConstants.CHUNK_INDEX_VERSION_3
                                                                            : version == 2
                                                                                    ? WebmConstants
                                                                                            .CHUNK_INDEX_VERSION_2
                                                                                    : WebmConstants
                                                                                            .CHUNK_INDEX_VERSION)));
                        });
                    }
                })
                .toByteArray();
    }

    private static void simpleTag(EbmlWriter w, String name, String value) {
        w.master(EbmlId.SIMPLE_TAG, s -> s.string(EbmlId.TAG_NAME, name).string(EbmlId.TAG_STRING, value));
    }
}
