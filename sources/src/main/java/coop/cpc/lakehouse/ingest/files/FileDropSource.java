package coop.cpc.lakehouse.ingest.files;

import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.ReadStoppedException;
import coop.cpc.lakehouse.ingest.RowSink;
import coop.cpc.lakehouse.ingest.record.RecordConverter;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads claimed files into rows of a schema, choosing the format by extension:
 * {@code .csv} (RFC 4180 with a header row), {@code .ndjson} and {@code .jsonl} (one JSON object
 * per line), {@code .json} (one top-level array of objects, streamed), each optionally followed
 * by {@code .gz}. Bytes read from disk are capped at {@link FileDropLimits#maxFileBytes()} and
 * decompressed bytes at {@link FileDropLimits#maxDecompressedBytes()} and by the compression ratio,
 * each record at {@link FileDropLimits#maxRecordBytes()}.
 *
 * <p>A file is read whole or not at all: before the first of its records is sent anywhere, the
 * whole file is scanned for what would make it unreadable as records (broken encoding, corrupt
 * gzip, a bomb, a record over the limit, a JSON syntax error), so a file that is quarantined never
 * had any of its rows staged. A record that is readable but wrong (broken quoting in one CSV
 * record, a value a column cannot hold) is a rejected record, and the rest of the file is read.
 */
public final class FileDropSource {

    private static final int BUFFER = 64 * 1024;

    private enum Format {
        CSV,
        NDJSON,
        JSON_ARRAY
    }

    /** Records between two looks at the stop flag during a scan or skip. */
    private static final int STOP_CHECK_EVERY = 256;

    private final Schema schema;
    private final FileDropLimits limits;
    private final BooleanSupplier stopRequested;

    public FileDropSource(Schema schema, FileDropLimits limits) {
        this(schema, limits, () -> false);
    }

    /** @param stopRequested asked between records of a scan or skip; true ends it with {@link ReadStoppedException} */
    public FileDropSource(Schema schema, FileDropLimits limits, BooleanSupplier stopRequested) {
        this.schema = schema;
        this.limits = limits;
        this.stopRequested = stopRequested;
    }

    /**
     * Reads a whole claimed file after skipping the records a checkpoint says were committed.
     *
     * @throws RejectedFileException quarantine the file with this message
     */
    public FileReadResult read(ClaimedFile claimed, long skipRecords, RowSink sink) throws IOException {
        try (FileRecordReader reader = open(claimed, skipRecords)) {
            while (reader.readNext(sink)) {
                continue;
            }
            return new FileReadResult(reader.rows(), reader.rejected(), reader.skipped(), reader.mapping());
        }
    }

    /**
     * Opens a claimed file for record-by-record reading, positioned after skipRecords records.
     * A file opened from its start is scanned whole first (see the class comment); one opened at
     * a checkpoint was scanned when its first records were read.
     *
     * @throws RejectedFileException quarantine the file with this message; nothing of it was read
     * @throws ReadStoppedException  the run was asked to stop during the scan or skip
     */
    public FileRecordReader open(ClaimedFile claimed, long skipRecords) throws IOException {
        if (skipRecords < 0) {
            throw new IllegalArgumentException("skipRecords must not be negative: " + skipRecords);
        }
        if (skipRecords == 0 && formatOf(claimed.originalName()) == Format.CSV) {
            // The header is read (and refused) first, as the scan of other formats does.
            FileRecordReader reader = openAt(claimed, 0);
            try {
                scanCsvBytes(claimed);
                return reader;
            } catch (IOException | RuntimeException e) {
                reader.close();
                throw e;
            }
        }
        if (skipRecords == 0) {
            try (FileRecordReader scan = openAt(claimed, 0)) {
                scan.skip(Long.MAX_VALUE);
            }
        }
        return openAt(claimed, skipRecords);
    }

    /** The whole-file scan of a CSV file over its bytes, without decoding them ({@link CsvByteScan}). */
    private void scanCsvBytes(ClaimedFile claimed) throws IOException {
        String name = claimed.originalName();
        try (InputStream in = openBytes(claimed)) {
            CsvByteScan.scan(name, in, limits.maxRecordBytes(), stopRequested, STOP_CHECK_EVERY);
        } catch (EOFException | ZipException e) {
            throw new MalformedFileException(name, 0, 0, "corrupt gzip data: " + e.getMessage(), e);
        }
    }

    /**
     * The file's bytes, decompressed when its name ends in {@code .gz}, each limit of {@link FileDropLimits}
     * on them, buffered.
     */
    private InputStream openBytes(ClaimedFile claimed) throws IOException {
        String name = claimed.originalName();
        boolean gzip = name.toLowerCase(Locale.ROOT).endsWith(".gz");
        LimitedInputStream onDisk =
                LimitedInputStream.fileSize(Files.newInputStream(claimed.path()), limits.maxFileBytes(), name);
        InputStream in = onDisk;
        try {
            if (gzip) {
                in = LimitedInputStream.decompressed(gunzip(name, in), limits.maxDecompressedBytes(), onDisk, name);
            }
            return new BufferedInputStream(in, BUFFER);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private FileRecordReader openAt(ClaimedFile claimed, long skipRecords) throws IOException {
        String name = claimed.originalName();
        Format format = formatOf(name);
        InputStream in = openBytes(claimed);
        FileRecordReader reader = null;
        try {
            RecordConverter converter = new RecordConverter(schema);
            RecordStream records = switch (format) {
                case CSV -> new CsvRecordStream(name, in, converter, limits.maxRecordBytes());
                case NDJSON -> new JsonRecordStream(name, in, false, limits.maxRecordBytes());
                case JSON_ARRAY -> new JsonRecordStream(name, in, true, limits.maxRecordBytes());
            };
            reader = new FileRecordReader(
                    claimed, new GzipErrorsAsMalformed(name, records), converter, stopRequested, STOP_CHECK_EVERY);
            long skipped = reader.skip(skipRecords);
            if (skipped < skipRecords) {
                throw new IOException(
                        name + ": checkpoint says " + skipRecords + " records were read, the file has " + skipped);
            }
            return reader;
        } catch (EOFException | ZipException e) {
            in.close();
            throw new MalformedFileException(name, 0, 0, "corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            if (reader != null) {
                reader.close();
            } else {
                in.close();
            }
            throw e;
        }
    }

    private static Format formatOf(String name) throws MalformedFileException {
        String lower = name.toLowerCase(Locale.ROOT);
        String inner = lower.endsWith(".gz") ? lower.substring(0, lower.length() - 3) : lower;
        if (inner.endsWith(".csv")) {
            return Format.CSV;
        }
        if (inner.endsWith(".ndjson") || inner.endsWith(".jsonl")) {
            return Format.NDJSON;
        }
        if (inner.endsWith(".json")) {
            return Format.JSON_ARRAY;
        }
        throw new MalformedFileException(
                name,
                0,
                0,
                "unsupported file type; expected .csv, .ndjson, .jsonl or .json, optionally with .gz",
                null);
    }

    private static InputStream gunzip(String name, InputStream in) throws IOException {
        try {
            return new GZIPInputStream(in, BUFFER);
        } catch (ZipException | EOFException e) {
            throw new MalformedFileException(name, 0, 0, "not gzip data: " + e.getMessage(), e);
        }
    }

    /** A truncated or corrupt gzip stream surfaces mid-read as EOF or ZipException; it is the file's fault. */
    private record GzipErrorsAsMalformed(String name, RecordStream records) implements RecordStream {

        @Override
        public SourceRecord next() throws IOException {
            try {
                return records.next();
            } catch (EOFException | ZipException e) {
                throw new MalformedFileException(name, 0, 0, "corrupt gzip data: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean skip() throws IOException {
            try {
                return records.skip();
            } catch (EOFException | ZipException e) {
                throw new MalformedFileException(name, 0, 0, "corrupt gzip data: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            records.close();
        }
    }
}
