package coop.cpc.lakehouse.application.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.job.source.FileDropSource;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.RowSink;
import coop.cpc.lakehouse.ingest.files.ClaimedFile;
import coop.cpc.lakehouse.ingest.files.DropDirectory;
import coop.cpc.lakehouse.ingest.files.FileDropLimits;
import coop.cpc.lakehouse.ingest.files.FileRecordReader;
import coop.cpc.lakehouse.ingest.files.RejectedFileException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * A drop folder read file by file into one asset. Files are claimed into {@code processing/} and stay
 * there until the run commits (then {@link #markClaimedFilesProcessed} moves them to {@code processed/});
 * a file that cannot be read is moved to {@code quarantine/} with its reason at once. A restart
 * resumes the current file at its record and reads again every claimed file its checkpoint does not
 * cover (claimed by a chunk that rolled back, or by an earlier run that was abandoned).
 */
public final class FileDropPull implements PullSource {
    private static final Logger LOG = Logger.getLogger(FileDropPull.class.getName());

    private final UUID asset;
    private final List<Column> columns;
    private final DropDirectory directory;
    private final coop.cpc.lakehouse.ingest.files.FileDropSource files;
    private final List<String> done;
    private final Deque<String> leftOver = new ArrayDeque<>();
    private FileRecordReader current;

    FileDropPull(FileDropSource definition, UUID asset, Schema schema, LakehouseSettings settings, Serializable checkpoint)
            throws IOException, InvalidInputException {
        this.asset = asset;
        this.columns = schema.columns();
        this.directory = directory(definition, settings);
        this.files = new coop.cpc.lakehouse.ingest.files.FileDropSource(schema, directory.limits());
        DropCheckpoint from = checkpoint instanceof DropCheckpoint c ? c : new DropCheckpoint(List.of(), null, 0);
        this.done = new ArrayList<>(from.doneClaims());
        for (String claim : directory.claimNames()) {
            if (!done.contains(claim) && !claim.equals(from.currentClaim())) {
                leftOver.add(claim);
            }
        }
        if (from.currentClaim() != null) {
            current = files.open(directory.reclaim(from.currentClaim()), from.recordIndex());
        }
    }

    static DropDirectory directory(FileDropSource definition, LakehouseSettings settings)
            throws IOException, InvalidInputException {
        Path folder = LocalSourcePaths.requireInsideRoots("drop folder", definition.directory(), settings.localSourceRoots());
        FileDropLimits defaults = FileDropLimits.defaults();
        FileDropLimits limits = new FileDropLimits(
                definition.maxFileBytes() == null ? defaults.maxFileBytes() : definition.maxFileBytes(),
                definition.maxDecompressedBytes() == null ? defaults.maxDecompressedBytes() : definition.maxDecompressedBytes());
        return new DropDirectory(folder, definition.glob(), limits,
                q -> LOG.warning(() -> "Quarantined " + q.originalName() + ": " + q.reason()));
    }

    /** After a run's commit: every file it claimed and read goes to {@code processed/}. */
    public static void markClaimedFilesProcessed(FileDropSource definition, LakehouseSettings settings)
            throws IOException, InvalidInputException {
        DropDirectory directory = directory(definition, settings);
        for (String claim : directory.claimNames()) {
            directory.markProcessed(directory.reclaim(claim));
        }
    }

    @Override
    public boolean readNext(RowSink sink) throws IOException {
        while (true) {
            if (current == null && !openNext()) {
                return false;
            }
            try {
                if (current.readNext(sink)) {
                    return true;
                }
                done.add(current.file().claimName());
                closeCurrent();
            } catch (RejectedFileException e) {
                ClaimedFile file = current.file();
                closeCurrent();
                directory.quarantine(file, e.getMessage());
            }
        }
    }

    private boolean openNext() throws IOException {
        while (true) {
            ClaimedFile claimed;
            if (!leftOver.isEmpty()) {
                claimed = directory.reclaim(leftOver.poll());
            } else {
                var next = directory.claimNext();
                if (next.isEmpty()) {
                    return false;
                }
                claimed = next.get();
            }
            try {
                current = files.open(claimed, 0);
                return true;
            } catch (RejectedFileException e) {
                directory.quarantine(claimed, e.getMessage());
            }
        }
    }

    private void closeCurrent() throws IOException {
        try {
            current.close();
        } finally {
            current = null;
        }
    }

    @Override
    public UUID asset() {
        return asset;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public Serializable checkpoint() {
        return current == null ? new DropCheckpoint(done, null, 0)
                : new DropCheckpoint(done, current.checkpoint().claimName(), current.checkpoint().recordIndex());
    }

    @Override
    public String sourceUri(UUID asset) {
        return directory.directory().toUri() + directory.glob();
    }

    @Override
    public JsonNode nextRunState() {
        return null;
    }

    @Override
    public ArrayNode columnMappings(UUID asset) {
        return current == null ? ColumnMappings.identity(columns) : ColumnMappings.of(current.mapping());
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            closeCurrent();
        }
    }
}
