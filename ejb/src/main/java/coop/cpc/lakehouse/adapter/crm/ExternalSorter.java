package coop.cpc.lakehouse.adapter.crm;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * the run files. A run file is its record count (an int) and then its records; a run that ends early, holds
 * more, or holds a length past its end is refused as damaged, naming the file.
 */
public final class ExternalSorter<T> implements AutoCloseable {
    /** A run file's name is this prefix, a random part and {@link #RUN_SUFFIX}. */
    static final String RUN_PREFIX = "sort-run-";

    static final String RUN_SUFFIX = ".bin";

    /**
     * When this class was loaded (with the deployment): every run file a sorter of this deployment writes is younger,
     * so an older one is a leftover of an earlier deployment or server run ({@link SpillLeftovers}).
     */
    static final Instant LOADED = Instant.now();

    /** Writes and reads one record of a run file. */
    public interface Codec<T> {
        void write(T record, DataOutput out) throws IOException;

        /** One record; a length read from {@code in} must be checked against {@link RunInput#bytesLeft()}. */
        T read(RunInput in) throws IOException;
    }

    /** A run being read: its records' bytes, and how many of them are left. */
    public static final class RunInput extends DataInputStream {
        private final Counting counted;
        private final long size;

        /** @param size the bytes {@code in} holds */
        public RunInput(InputStream in, long size) {
            this(new Counting(in), size);
        }

        private RunInput(Counting counted, long size) {
            super(counted);
            this.counted = counted;
            this.size = size;
        }

        /** How many bytes of the run are still unread: no length read from it can be longer. */
        public long bytesLeft() {
            return size - counted.read;
        }

        /** Counts the bytes read through it. */
        private static final class Counting extends FilterInputStream {
            private long read;

            Counting(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    read++;
                }
                return b;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int n = super.read(bytes, offset, length);
                if (n > 0) {
                    read += n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                read += skipped;
                return skipped;
            }
        }
    }

    private final Comparator<T> order;
    private final Codec<T> codec;
    private final int maxInMemory;
    private final Path directory;
    private final List<T> buffer = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private final List<RunInput> open = new ArrayList<>();
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
            Path run = Files.createTempFile(directory, RUN_PREFIX, RUN_SUFFIX);
            runs.add(run);
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
                out.writeInt(buffer.size());
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
                RunInput in =
                        new RunInput(new BufferedInputStream(Files.newInputStream(run), 1 << 16), Files.size(run));
                open.add(in);
                sources.add(new RunIterator(run, in));
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

    /** The records of one run: exactly as many as its head says, else an error naming the run. */
    private final class RunIterator implements Iterator<T> {
        private final Path run;
        private final RunInput in;
        private int records = -1;
        private int read;
        private T next;

        RunIterator(Path run, RunInput in) {
            this.run = run;
            this.in = in;
            advance();
        }

        private void advance() {
            try {
                if (records < 0) {
                    records = in.readInt();
                    if (records < 0) {
                        throw damaged("a count of " + records + " records");
                    }
                }
                if (read == records) {
                    next = null;
                    if (in.read() >= 0) {
                        throw damaged("it holds more than its " + records + " records");
                    }
                    return;
                }
                next = codec.read(in);
                read++;
            } catch (EOFException e) {
                throw damaged(
                        records < 0
                                ? "it has no record count"
                                : "it ended after " + read + " of its " + records + " records",
                        e);
            } catch (IOException e) {
                // The codec's messages quote no value of the run: it holds the asset's values.
                throw damaged(e.getMessage(), e);
            }
        }

        private UncheckedIOException damaged(String what) {
            return damaged(what, new IOException(what));
        }

        private UncheckedIOException damaged(String what, IOException cause) {
            return new UncheckedIOException("damaged sort run " + run + ": " + what, cause);
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
        for (RunInput in : open) {
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
