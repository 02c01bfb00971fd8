package coop.cpc.lakehouse.ingest.sled;

import coop.cpc.lakehouse.ingest.RejectedRecord;
import coop.cpc.lakehouse.ingest.RowSink;
import coop.cpc.lakehouse.ingest.record.MappingReport;
import coop.cpc.lakehouse.ingest.record.RecordRejectedException;
import coop.cpc.lakehouse.sled.SledException;
import coop.cpc.lakehouse.sled.SledPair;
import coop.cpc.lakehouse.sled.SledTree;
import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the chosen trees of a sled database pair by pair, tree after tree, for a chunk step that
 * checkpoints between pairs. Opened by {@link SledDatabaseSource#open(SledCheckpoint)}; it reads
 * through that source's open database, so it is done when the source is closed.
 *
 * <p>A pair whose value does not decode becomes a {@link RejectedRecord} with source
 * {@code sled:<folder name>/<tree>}, position {@code key <hex>} and a reason that starts with the
 * tree and the key.
 */
public final class SledPairReader implements Closeable {

    private final String folderName;
    private final List<String> names;
    private final List<SledTree> trees;
    private final SledValueDecoder decoder;
    private int treeIndex;
    private Iterator<SledPair> pairs;
    /** Keys up to and including this one are skipped: they were read before the checkpoint. */
    private byte[] skipThrough;

    private String currentTree;
    private SledCheckpoint checkpoint;
    private long rows;
    private long rejected;
    private boolean closed;

    SledPairReader(
            String folderName,
            List<String> names,
            List<SledTree> trees,
            SledValueDecoder decoder,
            SledCheckpoint from) {
        this.folderName = folderName;
        this.names = names;
        this.trees = trees;
        this.decoder = decoder;
        this.checkpoint = from;
        if (!from.isStart()) {
            treeIndex = names.indexOf(from.tree());
            if (treeIndex < 0) {
                throw new UnknownSledTreeException(
                        "the checkpoint names tree " + from.tree() + ", which is not among the trees read: " + names);
            }
            skipThrough = from.lastKey();
        }
    }

    /**
     * Reads the next pair and sends it to the sink as a row, or as a rejected record when its value
     * does not decode.
     *
     * @return false after the last pair of the last tree, with nothing sent
     * @throws SledException the database cannot be read further (damaged, or changed by a writer
     *                       meanwhile); retry the read from the last checkpoint
     */
    public boolean readNext(RowSink sink) throws IOException {
        if (closed) {
            throw new IllegalStateException("sled reader of " + folderName + " is closed");
        }
        while (treeIndex < trees.size()) {
            if (pairs == null) {
                pairs = trees.get(treeIndex).iterator();
            }
            if (!pairs.hasNext()) {
                pairs = null;
                skipThrough = null;
                treeIndex++;
                continue;
            }
            SledPair pair = pairs.next();
            if (skipThrough != null) {
                if (Arrays.compareUnsigned(pair.key(), skipThrough) <= 0) {
                    continue;
                }
                skipThrough = null;
            }
            hand(names.get(treeIndex), pair, sink);
            return true;
        }
        return false;
    }

    private void hand(String tree, SledPair pair, RowSink sink) throws IOException {
        currentTree = tree;
        checkpoint = SledCheckpoint.after(tree, pair.key());
        Object[] row;
        try {
            row = decoder.row(tree, pair.key(), pair.value());
        } catch (RecordRejectedException e) {
            rejected++;
            sink.reject(e.toRejected(
                    SledDatabaseSource.sourceName(folderName, tree),
                    "key " + HexFormat.of().formatHex(pair.key())));
            return;
        }
        rows++;
        sink.row(row);
    }

    /** The tree of the row or rejected record last handed to the sink, or null before the first. */
    public String currentTree() {
        return currentTree;
    }

    /** Where to resume: after the last pair handed to the sink. */
    public SledCheckpoint checkpoint() {
        return checkpoint;
    }

    /** Rows given to the sink by this reader. */
    public long rows() {
        return rows;
    }

    /** Rejected records given to the sink by this reader. */
    public long rejected() {
        return rejected;
    }

    /** The JSON fields seen so far in a tree's values (JSON format only; empty otherwise). */
    public MappingReport mapping(String tree) {
        return decoder.mapping(tree);
    }

    /** Stops reading; the database stays open with its source. */
    @Override
    public void close() {
        closed = true;
        pairs = null;
    }
}
