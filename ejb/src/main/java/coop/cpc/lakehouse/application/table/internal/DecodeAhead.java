package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.table.SegmentTaskFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;

/**
 * Decodes the row group a scan will need next while the scan works on the current one, each column on
 * its own task. A row group is started only after the previous one was taken, so a track's frames are
 * never decoded at the same time (each track of a reader has one AV1 decoder). Without an executor it
 * decodes in the caller's thread when the row group is taken. Columns someone else already decoded (the
 * merge index, of a compaction's change segments) are not decoded but asked for when the row group is taken.
 */
final class DecodeAhead implements AutoCloseable {
    private final SegmentRowGroups groups;
    private final List<String> names;
    /** Per name, whether {@link #decodedElsewhere} gives it instead of the decoder. */
    private final boolean[] elsewhere;
    /** The elsewhere-decoded columns of a row group, in the order of {@link #names}. */
    private final IntFunction<Object[][]> decodedElsewhere;

    private final List<String> toDecode;
    private final Executor executor;
    private int group = -1;
    private CompletableFuture<Object[][]> pending;

    DecodeAhead(SegmentRowGroups groups, List<String> names, Executor executor) {
        this(groups, names, List.of(), g -> new Object[0][], executor);
    }

    /**
     * @param elsewhere        names among {@code names} whose columns {@code decodedElsewhere} gives
     * @param decodedElsewhere for a row group, those columns in the order of {@code names}; asked for when the row
     *                         group is taken (in the taker's thread)
     */
    DecodeAhead(
            SegmentRowGroups groups,
            List<String> names,
            List<String> elsewhere,
            IntFunction<Object[][]> decodedElsewhere,
            Executor executor) {
        this.groups = groups;
        this.names = List.copyOf(names);
        this.elsewhere = new boolean[names.size()];
        List<String> decoding = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            this.elsewhere[i] = elsewhere.contains(names.get(i));
            if (!this.elsewhere[i]) {
                decoding.add(names.get(i));
            }
        }
        this.toDecode = List.copyOf(decoding);
        this.decodedElsewhere = decodedElsewhere;
        this.executor = executor;
    }

    /** Starts decoding row group {@code g} (nothing when it is past the last one). */
    void start(int g) throws IOException {
        group = g;
        pending = null;
        if (executor == null || g >= groups.groupCount()) {
            return;
        }
        List<CompletableFuture<Object[]>> columns = new ArrayList<>(toDecode.size());
        var blocks = groups.blocks(g);
        for (String name : toDecode) {
            columns.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return groups.decodeColumn(blocks, g, name);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    executor));
        }
        pending = CompletableFuture.allOf(columns.toArray(CompletableFuture[]::new))
                .thenApply(done -> columns.stream().map(CompletableFuture::join).toArray(Object[][]::new));
    }

    /** The values of the started row group, one array per name. */
    Object[][] take() throws IOException {
        Object[][] decoded;
        if (pending == null) {
            decoded = groups.decode(group, toDecode);
        } else {
            CompletableFuture<Object[][]> taken = pending;
            pending = null;
            try {
                decoded = taken.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause() instanceof CompletionException nested ? nested.getCause() : e.getCause();
                throw SegmentTaskFailures.toIOException(cause);
            }
        }
        if (toDecode.size() == names.size()) {
            return decoded;
        }
        Object[][] given = decodedElsewhere.apply(group);
        Object[][] columns = new Object[names.size()][];
        for (int i = 0, d = 0, e = 0; i < columns.length; i++) {
            columns[i] = elsewhere[i] ? given[e++] : decoded[d++];
        }
        return columns;
    }

    /** Waits for a decode still running (the scan stopped early), so that the file is not closed under it. */
    @Override
    public void close() {
        if (pending != null) {
            pending.handle((values, failure) -> null).join();
            pending = null;
        }
    }
}
