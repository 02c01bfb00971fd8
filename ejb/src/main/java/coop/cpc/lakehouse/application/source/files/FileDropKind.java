package coop.cpc.lakehouse.application.source.files;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.source.ExistingJob;
import coop.cpc.lakehouse.application.source.LocalSourcePaths;
import coop.cpc.lakehouse.application.source.OpenRequest;
import coop.cpc.lakehouse.application.source.SourceEnvironment;
import coop.cpc.lakehouse.application.source.SourceKind;
import coop.cpc.lakehouse.application.source.SourceReader;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.ingest.files.GlobPattern;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Drop folders: each run reads the files dropped since the last one, so runs APPEND. Files are
 * claimed into the run's own folder and moved to {@code processed/} after the run commits.
 */
public final class FileDropKind implements SourceKind<FileDropSettings> {
    private static final Logger LOG = Logger.getLogger(FileDropKind.class.getName());

    @Override
    public SourceType type() {
        return SourceType.FILE_DROP;
    }

    @Override
    public Class<FileDropSettings> settingsType() {
        return FileDropSettings.class;
    }

    @Override
    public String field() {
        return "fileDrop";
    }

    @Override
    public SnapshotOperation snapshotOperation() {
        return SnapshotOperation.APPEND;
    }

    /** The drop folder (a restart resumes with the files it claimed there). */
    @Override
    public Object sourceIdentity(FileDropSettings settings) {
        return settings.directory();
    }

    @Override
    public void validate(FileDropSettings f, SourceEnvironment environment) throws InvalidInputException {
        LocalSourcePaths.requireLocalSourceFolder("fileDrop.directory", f.directory(), environment.settings());
        // A folder given as a link could be pointed at another job's folder after this check.
        LocalSourcePaths.requireNoLinks("fileDrop.directory", f.directory(), List.of());
        try {
            GlobPattern.compile(f.glob());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("fileDrop." + e.getMessage());
        }
        try {
            FileDropReader.limits(f);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("fileDrop." + e.getMessage());
        }
    }

    /**
     * One job per drop folder: a second job on the same folder, or on one inside the other, would
     * claim the same files (or each other's processed/ and quarantine/).
     */
    @Override
    public void requireNoClash(FileDropSettings f, Supplier<List<ExistingJob<FileDropSettings>>> others)
            throws InvalidInputException {
        Path mine = realPath(f.directory());
        for (ExistingJob<FileDropSettings> other : others.get()) {
            Path their = realPath(other.settings().directory());
            if (mine != null && their != null && (mine.startsWith(their) || their.startsWith(mine))) {
                throw new InvalidInputException(
                        "fileDrop.directory is " + (mine.equals(their) ? "the folder" : "inside or around the folder")
                                + " of ingestion job " + other.name() + "; a drop folder belongs to one job");
            }
        }
    }

    @Override
    public SourceReader open(FileDropSettings settings, OpenRequest request) throws Exception {
        return new FileDropReader(
                settings,
                request.assets().target(request.job()),
                request.assets().targetColumns(request.job()),
                request.environment().settings(),
                request.checkpoint(),
                request.jobInstanceId(),
                request.stopRequested(),
                request.committed());
    }

    @Override
    public void afterCommit(FileDropSettings settings, SourceEnvironment environment, long jobInstanceId)
            throws Exception {
        FileDropReader.markClaimedFilesProcessed(settings, environment.settings(), jobInstanceId);
    }

    @Override
    public void beforeDelete(FileDropSettings settings, SourceEnvironment environment, LongPredicate committed)
            throws IOException {
        try {
            int moved = FileDropReader.settleCommittedClaims(settings, environment.settings(), committed);
            if (moved > 0) {
                LOG.info(
                        () -> moved + " file(s) that committed runs of the deleted job had claimed went to processed/");
            }
        } catch (InvalidInputException gone) {
            // Missing, or no longer a folder a local source may read: no job can read it again as it is now.
            LOG.info(() -> "No claimed files to settle before the deletion: " + gone.getMessage());
        }
    }

    @Override
    public String abandon(FileDropSettings settings, SourceEnvironment environment, long jobInstanceId) {
        try {
            int released = FileDropReader.releaseClaimedFiles(settings, environment.settings(), jobInstanceId);
            return released + " claimed file(s) went back to the drop folder";
        } catch (IOException | InvalidInputException | RuntimeException e) {
            LOG.warning(() -> "Cannot give back the files claimed by run " + jobInstanceId + ": " + e.getMessage());
            return "its claimed files are still in the drop folder's processing/run-" + jobInstanceId;
        }
    }

    private static Path realPath(String folder) {
        try {
            return Path.of(folder).toRealPath();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
