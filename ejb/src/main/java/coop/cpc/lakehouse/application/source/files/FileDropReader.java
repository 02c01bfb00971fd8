package coop.cpc.lakehouse.application.source.files;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.source.ColumnMappings;
import coop.cpc.lakehouse.application.source.LocalSourcePaths;
import coop.cpc.lakehouse.application.source.OneAssetReader;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.ReadStoppedException;
import coop.cpc.lakehouse.ingest.RowSink;
import coop.cpc.lakehouse.ingest.files.ClaimedFile;
import coop.cpc.lakehouse.ingest.files.DropDirectory;
import coop.cpc.lakehouse.ingest.files.FileDropLimits;
import coop.cpc.lakehouse.ingest.files.FileDropSource;
import coop.cpc.lakehouse.ingest.files.FileRecordReader;
import coop.cpc.lakehouse.ingest.files.RejectedFileException;
import coop.cpc.lakehouse.ingest.record.ColumnMapping;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import java.util.logging.Logger;

/**
 * A drop folder read file by file into one asset. Files are claimed into the run's own folder
 * {@code processing/run-<job instance>/} and stay there until the run commits (then
 * {@link #markClaimedFilesProcessed} moves them to {@code processed/}); a file that cannot be read
 * is moved to {@code quarantine/} with its reason before any of its rows is read. A restart (same
 * job instance) resumes the current file at its record and reads again every file of its folder its
 * checkpoint does not cover (claimed by a chunk that rolled back). Files that an earlier run left
 * claimed go on to {@code processed/} when that run committed (it was killed or failed between its
 * commit and the move), and back to the drop folder when it never will (it was replaced by a new
 * run, whose start discarded its staged rows), to be read once more.
 */
final class FileDropReader extends OneAssetReader {
    private static final Logger LOG = Logger.getLogger(FileDropReader.class.getName());
    private static final String RUN_FOLDER_PREFIX = "run-";

    private final DropDirectory directory;
    private final FileDropSource files;
    private final List<String> done;
    private final Deque<String> leftOver = new ArrayDeque<>();
    private FileRecordReader current;

    FileDropReader(
            FileDropSettings definition,
            UUID asset,
            Schema schema,
            LakehouseSettings settings,
            Serializable checkpoint,
            long jobInstanceId,
            BooleanSupplier stopRequested,
            LongPredicate committed)
            throws IOException, InvalidInputException {
        super(asset, schema.columns());
        this.directory = directory(definition, settings, jobInstanceId);
        DropDirectory.OtherRunsClaims settled = directory.settleClaimsOfOtherRuns(run -> committedRun(run, committed));
        if (settled.returned() > 0) {
            LOG.info(() -> settled.returned()
                    + " file(s) claimed by earlier runs that will not finish went back to the drop folder");
        }
        if (settled.processed() > 0) {
            LOG.info(() -> settled.processed()
                    + " file(s) of earlier runs that committed but did not move them went to processed/");
        }
        this.files = new FileDropSource(schema, directory.limits(), stopRequested);
        FileDropCheckpoint from =
                checkpoint instanceof FileDropCheckpoint c ? c : new FileDropCheckpoint(List.of(), null, 0);
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

    static DropDirectory directory(FileDropSettings definition, LakehouseSettings settings, long jobInstanceId)
            throws IOException, InvalidInputException {
        return directory(definition, settings, runFolder(jobInstanceId));
    }

    /** @param runFolder the claim folder of a run, or null for none (the folder's claims as a whole) */
    private static DropDirectory directory(FileDropSettings definition, LakehouseSettings settings, String runFolder)
            throws IOException, InvalidInputException {
        Path folder = LocalSourcePaths.requireLocalSourceFolder("drop folder", definition.directory(), settings);
        LocalSourcePaths.requireNoLinks("drop folder", definition.directory(), List.of());
        return new DropDirectory(
                folder,
                definition.glob(),
                limits(definition),
                q -> LOG.warning(() -> "Quarantined " + q.originalName() + ": " + q.reason()),
                runFolder);
    }

    /** The limits a definition sets, the defaults for those it leaves unset. */
    static FileDropLimits limits(FileDropSettings definition) {
        FileDropLimits defaults = FileDropLimits.defaults();
        return new FileDropLimits(
                definition.maxFileBytes() == null ? defaults.maxFileBytes() : definition.maxFileBytes(),
                definition.maxDecompressedBytes() == null
                        ? defaults.maxDecompressedBytes()
                        : definition.maxDecompressedBytes(),
                definition.maxRecordBytes() == null ? defaults.maxRecordBytes() : definition.maxRecordBytes());
    }

    private static String runFolder(long jobInstanceId) {
        return RUN_FOLDER_PREFIX + jobInstanceId;
    }

    /** Whether the run a claim folder ({@code run-7}) belongs to committed; false for folders not named by us. */
    static boolean committedRun(String folder, LongPredicate committed) {
        if (!folder.startsWith(RUN_FOLDER_PREFIX)) {
            return false;
        }
        try {
            return committed.test(Long.parseLong(folder.substring(RUN_FOLDER_PREFIX.length())));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** After a run's commit: every file it claimed and read goes to {@code processed/}. */
    static void markClaimedFilesProcessed(FileDropSettings definition, LakehouseSettings settings, long jobInstanceId)
            throws IOException, InvalidInputException {
        DropDirectory directory = directory(definition, settings, jobInstanceId);
        for (String claim : directory.claimNames()) {
            directory.markProcessed(directory.reclaim(claim));
        }
        directory.removeRunFolder();
    }

    /**
     * Before the job is deleted: the files its runs that committed claimed and did not move yet go on to
     * {@code processed/}, as its next run would have moved them; once its runs are deleted, the folder's next job
     * could not tell that their rows are in the asset, and would read them again. Claims of runs that did not commit
     * stay, for the folder's next job to give back and read.
     *
     * @param committed tells by job instance whether a run committed
     * @return how many files went to {@code processed/}
     */
    static int settleCommittedClaims(FileDropSettings definition, LakehouseSettings settings, LongPredicate committed)
            throws IOException, InvalidInputException {
        Path folder = LocalSourcePaths.requireLocalSourceFolder("drop folder", definition.directory(), settings);
        if (!Files.isDirectory(folder.resolve(DropDirectory.PROCESSING), LinkOption.NOFOLLOW_LINKS)) {
            return 0; // No run claimed anything: leave the folder as it is.
        }
        return directory(definition, settings, null).settleClaimsOfCommittedRuns(run -> committedRun(run, committed));
    }

    /**
     * After a run that can never commit (its target asset was deleted, and its staged rows with it):
     * the files it claimed go back to the drop folder, so a later run reads them once.
     *
     * @return how many went back
     */
    static int releaseClaimedFiles(FileDropSettings definition, LakehouseSettings settings, long jobInstanceId)
            throws IOException, InvalidInputException {
        DropDirectory directory = directory(definition, settings, jobInstanceId);
        int released = 0;
        for (String claim : directory.claimNames()) {
            directory.release(directory.reclaim(claim));
            released++;
        }
        directory.removeRunFolder();
        return released;
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
                // Only a file changed under the run can fail here: open() scanned it whole.
                ClaimedFile file = current.file();
                closeCurrent();
                directory.quarantine(file, e.getMessage());
            } catch (ReadStoppedException e) {
                throw e;
            } catch (IOException e) {
                throw new IOException(
                        "reading " + current.file().originalName() + " after record "
                                + current.checkpoint().recordIndex() + ": " + e.getMessage(),
                        e);
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
    public Serializable checkpoint() {
        return current == null
                ? new FileDropCheckpoint(done, null, 0)
                : new FileDropCheckpoint(
                        done,
                        current.checkpoint().claimName(),
                        current.checkpoint().recordIndex());
    }

    @Override
    public String sourceUri(UUID asset) {
        return directory.directory().toUri() + directory.glob();
    }

    @Override
    public List<ColumnMapping> columnMappings(UUID asset) {
        return current == null
                ? ColumnMappings.identity(columns())
                : current.mapping().mappings();
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            closeCurrent();
        }
    }
}
