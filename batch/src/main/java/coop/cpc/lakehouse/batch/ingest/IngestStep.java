package coop.cpc.lakehouse.batch.ingest;

import coop.cpc.lakehouse.application.ingest.PreparedSegment;
import coop.cpc.lakehouse.application.source.SourceReader;
import coop.cpc.lakehouse.application.table.SegmentWritePipeline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What the reader and the writer of one ingestion step share (the step's transient user data): the
 * open source, the pipeline that writes chunks' segments while the source reads on, and the
 * checkpoint after the last chunk whose segments are durable and recorded. The reader saves that
 * checkpoint, not its own position, so a restart reads again every chunk that was still being
 * written: a chunk counts as written only once its segments are on disk and in the catalog.
 */
final class IngestStep {

    /** A chunk being written: where the source stood after it, and what to record of its segments. */
    record PendingChunk(Serializable checkpointAfter, List<PreparedSegment> prepared) {}

    /** The writer's: waits for every chunk in flight and records it, in the current chunk's transaction. */
    interface WriteOut {
        void run() throws Exception;
    }

    private final SourceReader source;
    private SegmentWritePipeline<PendingChunk> pipeline;
    private WriteOut writeOut;
    private Serializable durableCheckpoint;
    private boolean sourceDone;

    /** @param openedAt the checkpoint the source was opened at (null: where the last successful run ended) */
    IngestStep(SourceReader source, Serializable openedAt) {
        this.source = source;
        this.durableCheckpoint = openedAt;
    }

    SourceReader source() {
        return source;
    }

    void attach(SegmentWritePipeline<PendingChunk> pipeline, WriteOut writeOut) {
        this.pipeline = pipeline;
        this.writeOut = writeOut;
    }

    /**
     * At the end of the source: writes out and records the chunks still in flight. Batch calls no
     * writer for an empty last chunk, but it asks the reader for its checkpoint in that chunk's
     * transaction, so the reader calls this first.
     */
    void writeOutIfSourceDone() throws Exception {
        if (sourceDone && hasChunksInFlight()) {
            writeOut.run();
        }
    }

    SegmentWritePipeline<PendingChunk> pipeline() {
        if (pipeline == null) {
            throw new IllegalStateException("the ingestion step's writer is not open");
        }
        return pipeline;
    }

    /** The reader met the end of the source, or a stop: the writer writes out every chunk in flight. */
    void sourceDone() {
        sourceDone = true;
    }

    boolean isSourceDone() {
        return sourceDone;
    }

    boolean hasChunksInFlight() {
        return pipeline != null && pipeline.inFlight() > 0;
    }

    /** Where a restart resumes: after the last chunk recorded with its segments. */
    Serializable durableCheckpoint() {
        return durableCheckpoint;
    }

    void recorded(PendingChunk chunk) {
        durableCheckpoint = chunk.checkpointAfter();
    }

    /** The source's checkpoint now, as a copy: the reader's own object may change as it reads on. */
    PendingChunk pending(List<PreparedSegment> prepared) {
        return new PendingChunk(copy(source.checkpoint()), prepared);
    }

    static Serializable copy(Serializable checkpoint) {
        if (checkpoint == null) {
            return null;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(checkpoint);
            }
            ClassLoader loader = checkpoint.getClass().getClassLoader();
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
                // The checkpoint's classes live in the source's module, which this module's loader may not see.
                @Override
                protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                    try {
                        return Class.forName(desc.getName(), false, loader);
                    } catch (ClassNotFoundException e) {
                        return super.resolveClass(desc);
                    }
                }
            }) {
                return (Serializable) in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the source's checkpoint", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot copy the source's checkpoint", e);
        }
    }

    void close() {
        if (pipeline != null) {
            pipeline.close();
        }
    }
}
