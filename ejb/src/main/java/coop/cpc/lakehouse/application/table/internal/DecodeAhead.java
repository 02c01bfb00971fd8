package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.table.SegmentTaskFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Decodes the row group a scan will need next while the scan works on the current one, each column on
 * its own task. A row group is started only after the previous one was taken, so a track's frames are
 * never decoded at the same time (each track of a reader has one AV1 decoder). Without an executor it
 * decodes in the caller's thread when the row group is taken.
 */
final class DecodeAhead implements AutoCloseable {
    private final SegmentRowGroups groups;
    private final List<String> names;
    private final Executor executor;
    private int group = -1;
    private CompletableFuture<Object[][]> pending;

    DecodeAhead(SegmentRowGroups groups, List<String> names, Executor executor) {
        this.groups = groups;
        this.names = List.copyOf(names);
        this.executor = executor;
    }

    /** Starts decoding row group {@code g} (nothing when it is past the last one). */
    void start(int g) throws IOException {
        group = g;
        pending = null;
        if (executor == null || g >= groups.groupCount()) {
            return;
        }
        List<CompletableFuture<Object[]>> columns = new ArrayList<>(names.size());
        var blocks = groups.blocks(g);
        for (String name : names) {
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
        if (pending == null) {
            return groups.decode(group, names);
        }
        CompletableFuture<Object[][]> taken = pending;
        pending = null;
        try {
            return taken.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() instanceof CompletionException nested ? nested.getCause() : e.getCause();
            throw SegmentTaskFailures.toIOException(cause);
        }
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
