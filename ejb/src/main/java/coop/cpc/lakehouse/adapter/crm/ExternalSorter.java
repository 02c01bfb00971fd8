package coop.cpc.lakehouse.adapter.crm;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Sorts more records than fit in memory: records are buffered up to {@code maxInMemory}, each full
 * buffer is sorted and spilled to a temporary run file, and {@link #sorted()} merges the runs (and
 * what is still buffered) with a heap. Memory: the buffer plus one record per run. Close it to delete
 * the run files.
 */
public final class ExternalSorter<T> implements AutoCloseable {
    /** Writes and reads one record of a run file. */
    public interface Codec<T> {
        void write(T record, DataOutput out) throws IOException;

        T read(DataInput in) throws IOException;
    }

    private final Comparator<T> order;
    private final Codec<T> codec;
    private final int maxInMemory;
    private final Path directory;
    private final List<T> buffer = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private final List<DataInputStream> open = new ArrayList<>();
    private long count;

    /**
     * @param directory where run files go (created when missing)
     */
    public ExternalSorter(Comparator<T> order, Codec<T> codec, int maxInMemory, Path directory) {
        if (maxInMemory < 1) {
            throw new IllegalArgumentException("maxInMemory must be positive");
        }
        this.order = order;
        this.codec = codec;
        this.maxInMemory = maxInMemory;
        this.directory = directory;
    }

    public void add(T record) {
        buffer.add(record);
        count++;
        if (buffer.size() >= maxInMemory) {
            spill();
        }
    }

    public long count() {
        return count;
    }

    /** How many run files were written. */
    public int runs() {
        return runs.size();
    }

    private void spill() {
        buffer.sort(order);
        try {
            Files.createDirectories(directory);
            Path run = Files.createTempFile(directory, "sort-run-", ".bin");
            runs.add(run);
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
                for (T record : buffer) {
                    codec.write(record, out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spill a sort run to " + directory, e);
        }
        buffer.clear();
    }

    /** Every record added, in order; call once, after the last {@link #add}. */
    public Iterator<T> sorted() {
        buffer.sort(order);
        List<Iterator<T>> sources = new ArrayList<>();
        for (Path run : runs) {
            try {
                DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
                open.add(in);
                sources.add(new RunIterator(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read sort run " + run, e);
            }
        }
        sources.add(buffer.iterator());
        record Head<T>(T record, Iterator<T> source) {}
        PriorityQueue<Head<T>> heap = new PriorityQueue<>((a, b) -> order.compare(a.record(), b.record()));
        for (Iterator<T> source : sources) {
            if (source.hasNext()) {
                heap.add(new Head<>(source.next(), source));
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heap.isEmpty();
            }

            @Override
            public T next() {
                Head<T> head = heap.poll();
                if (head == null) {
                    throw new NoSuchElementException();
                }
                if (head.source().hasNext()) {
                    heap.add(new Head<>(head.source().next(), head.source()));
                }
                return head.record();
            }
        };
    }

    private final class RunIterator implements Iterator<T> {
        private final DataInputStream in;
        private T next;

        RunIterator(DataInputStream in) {
            this.in = in;
            advance();
        }

        private void advance() {
            try {
                next = codec.read(in);
            } catch (EOFException e) {
                next = null;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read a sort run", e);
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public T next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            T current = next;
            advance();
            return current;
        }
    }

    @Override
    public void close() {
        for (DataInputStream in : open) {
            try {
                in.close();
            } catch (IOException e) {
                // Deleting the file below matters more than closing it cleanly.
            }
        }
        for (Path run : runs) {
            try {
                Files.deleteIfExists(run);
            } catch (IOException e) {
                // A run left behind lives in a temporary directory; nothing else reads it.
            }
        }
        buffer.clear();
    }
}
