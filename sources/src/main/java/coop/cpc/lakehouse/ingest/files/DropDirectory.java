package coop.cpc.lakehouse.ingest.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * A watched directory and the glob its files must match, with {@code processing/},
 * {@code processed/} and {@code quarantine/} beside the files (created when missing).
 *
 * <p>A file is claimed by an atomic rename into {@code processing/} under a fresh random claim
 * name: of concurrent claimers, in this or another process, exactly one rename succeeds and the
 * others find the file gone. Only then is it inspected, so what is checked is what is read:
 * a symbolic link, a hard link, a non-regular file, a real path outside the directory or a file
 * over {@link FileDropLimits#maxFileBytes()} is quarantined unread. Names starting with a dot are
 * left alone, as uploads in progress.
 *
 * <p>Moves into {@code processed/} and {@code quarantine/} never overwrite: a taken name gets a
 * numeric suffix ({@code visits-1.csv}).
 */
public final class DropDirectory {

    public static final String PROCESSING = "processing";
    public static final String PROCESSED = "processed";
    public static final String QUARANTINE = "quarantine";
    public static final String REASON_SUFFIX = ".reason";

    private static final Logger LOG = Logger.getLogger(DropDirectory.class.getName());
    /**
     * Every name {@link #claimNext} can give: any file name the folder may hold, a backslash included (a
     * plain character on Linux). A name it could give but not list or reclaim would be lost in
     * {@code processing/}; {@link #reclaim} refuses separators by where the name resolves.
     */
    private static final Pattern CLAIM_NAME = Pattern.compile("[0-9a-f]{16}_[^/\\x00]+");

    private static final Pattern RUN_NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final int MAX_NAME_SUFFIX = 10_000;
    /** NAME_MAX of the usual Linux filesystems (ext4, xfs, btrfs, tmpfs), in bytes. */
    private static final int NAME_MAX_BYTES = 255;
    /**
     * The longest name a claim ({@code <16 hex>_<name>}) can hold. Every later name fits too: the quarantine's
     * {@code <name>-9999.reason} adds 12 bytes, fewer than the claim's 17.
     */
    private static final int MAX_CLAIMABLE_NAME_BYTES = NAME_MAX_BYTES - 17;
    /** The reason Linux gives for ENAMETOOLONG. */
    private static final String NAME_TOO_LONG = "File name too long";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final GlobPattern glob;
    private final FileDropLimits limits;
    private final Path processingRoot;
    private final Path processing;
    private final Path processed;
    private final Path quarantine;
    private final Consumer<QuarantinedFile> onQuarantine;
    private final Set<String> leftUnread = new HashSet<>();

    public DropDirectory(Path dir, String glob, FileDropLimits limits) throws IOException {
        this(dir, glob, limits, q -> {});
    }

    /**
     * @param onQuarantine told of every file quarantined, including those {@link #claimNext()}
     *                     refuses on its own, so the job can count them
     */
    public DropDirectory(Path dir, String glob, FileDropLimits limits, Consumer<QuarantinedFile> onQuarantine)
            throws IOException {
        this(dir, glob, limits, onQuarantine, null);
    }

    /**
     * @param run names this run's own claim folder, {@code processing/<run>/}: a run reads back and
     *            finishes only what it claimed itself, so two runs that meet on one folder never
     *            read each other's files; null claims straight into {@code processing/}
     */
    public DropDirectory(
            Path dir, String glob, FileDropLimits limits, Consumer<QuarantinedFile> onQuarantine, String run)
            throws IOException {
        this.glob = GlobPattern.compile(glob);
        if (run != null && !RUN_NAME.matcher(run).matches()) {
            throw new IllegalArgumentException("run folder names are 1 to 40 letters, digits, '-' or '_'");
        }
        this.dir = dir.toRealPath();
        if (!Files.isDirectory(this.dir)) {
            throw new NoSuchFileException(dir.getFileName() + "", null, "drop directory is not a directory");
        }
        this.limits = limits;
        this.processingRoot = subdirectory(PROCESSING);
        this.processing = run == null ? processingRoot : subdirectory(PROCESSING + "/" + run);
        this.processed = subdirectory(PROCESSED);
        this.quarantine = subdirectory(QUARANTINE);
        this.onQuarantine = onQuarantine;
    }

    private Path subdirectory(String name) throws IOException {
        Path sub = dir.resolve(name);
        Files.createDirectories(sub);
        if (!sub.toRealPath().equals(sub)) {
            throw new UnsafePathException(sub + " must be a directory inside " + dir + ", not a link");
        }
        return sub;
    }

    public Path directory() {
        return dir;
    }

    public String glob() {
        return glob.pattern();
    }

    public FileDropLimits limits() {
        return limits;
    }

    /**
     * Claims the first matching file by name, quarantining on the way any candidate that is not
     * a regular file inside the directory or that is too large.
     *
     * @return the claimed file, or empty when no matching file is waiting
     */
    public Optional<ClaimedFile> claimNext() throws IOException {
        for (Path candidate : candidates()) {
            String name = candidate.getFileName().toString();
            int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
            if (nameBytes > MAX_CLAIMABLE_NAME_BYTES) {
                leaveUnread(
                        name,
                        "its name is " + nameBytes + " bytes long, more than the " + MAX_CLAIMABLE_NAME_BYTES
                                + " a claim name leaves room for (" + NAME_MAX_BYTES
                                + " bytes at most); rename it shorter");
                continue;
            }
            String claimName = HexFormat.of().formatHex(randomBytes()) + "_" + name;
            Path target = processing.resolve(claimName);
            try {
                Files.move(candidate, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                continue;
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(
                        "drop directory " + dir + " cannot rename atomically; it must be on one local filesystem", e);
            } catch (FileSystemException e) {
                if (!NAME_TOO_LONG.equals(e.getReason())) {
                    throw e; // the folder's trouble (read-only, gone, no permission): every file would fail
                }
                // A filesystem with a NAME_MAX under 255 bytes: this file's trouble only.
                leaveUnread(
                        name,
                        "its claim name is too long for this filesystem (" + e.getReason() + "); rename it shorter");
                continue;
            }
            ClaimedFile claimed = new ClaimedFile(target, claimName, name, sourceUri(name));
            String refusal = refusal(claimed);
            if (refusal == null) {
                refusal = hardLinkRefusal(target);
            }
            if (refusal != null) {
                quarantine(claimed, refusal);
                continue;
            }
            LOG.fine(() -> "claimed " + claimed.sourceUri() + " as " + claimName);
            return Optional.of(claimed);
        }
        return Optional.empty();
    }

    /** Warns once per directory object (one run) of a file it cannot claim; the file stays where it is. */
    private void leaveUnread(String name, String why) {
        if (leftUnread.add(name)) {
            LOG.warning(() -> "left " + name + " in the drop directory unread: " + why);
        }
    }

    /**
     * Finds a file claimed earlier, by the claim name a checkpoint stored, so a restarted job can
     * finish it. Names with separators, {@code ..} or anything but a claim name are refused.
     */
    public ClaimedFile reclaim(String claimName) throws IOException {
        if (claimName == null
                || !CLAIM_NAME.matcher(claimName).matches()
                || claimName.endsWith("_.")
                || claimName.endsWith("_..")) {
            throw new UnsafePathException("'" + claimName + "' is not a claim name in " + processing);
        }
        Path path = processing.resolve(claimName);
        if (!path.getParent().equals(processing)) {
            throw new UnsafePathException("'" + claimName + "' is not a claim name in " + processing);
        }
        String name = claimName.substring(claimName.indexOf('_') + 1);
        ClaimedFile claimed = new ClaimedFile(path, claimName, name, sourceUri(name));
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(path.toString(), null, "claimed file is gone");
        }
        String refusal = refusal(claimed);
        if (refusal != null) {
            throw new UnsafePathException(path + ": " + refusal);
        }
        return claimed;
    }

    /** Files left in {@code processing/}, e.g. by a job that stopped; oldest claim order unknown. */
    public List<String> claimNames() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(processing)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (CLAIM_NAME.matcher(name).matches()) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }

    /**
     * Settles the files other runs claimed and left in {@code processing/}. A run that committed
     * (killed, or failing, between its commit and the move of its files) has its files moved on to
     * {@code processed/}: its rows are in the table, reading them again would append them twice.
     * The files of runs that did not commit (failed and replaced by a new run rather than restarted,
     * their staged rows discarded) go back to the folder under their original names, to be read
     * again. Only call this when no other run on the folder can be running.
     *
     * @param committed tells by its claim folder name ({@code run-7}) whether a run committed
     * @return how many files went back and how many went on to {@code processed/}
     */
    public OtherRunsClaims settleClaimsOfOtherRuns(Predicate<String> committed) throws IOException {
        return settle(committed, true);
    }

    /**
     * Moves on to {@code processed/} the files of every other run that committed and left them in its claim folder
     * (killed, or failing, between its commit and the move), as {@link #settleClaimsOfOtherRuns} would; the claims of
     * runs that did not commit stay where they are. For a job about to be deleted: once its runs are forgotten, the
     * next job on the folder could no longer tell that these files were read, and would read them again.
     *
     * @param committed tells by its claim folder name ({@code run-7}) whether a run committed
     * @return how many files went on to {@code processed/}
     * @throws IOException naming the claim folder whose files could not be moved
     */
    public int settleClaimsOfCommittedRuns(Predicate<String> committed) throws IOException {
        return settle(committed, false).processed();
    }

    private OtherRunsClaims settle(Predicate<String> committed, boolean giveBackTheRest) throws IOException {
        int returned = 0;
        int processedFiles = 0;
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(processingRoot)) {
            files.forEach(entries::add);
        }
        for (Path entry : entries) {
            if (entry.equals(processing)) {
                continue;
            }
            BasicFileAttributes attributes =
                    Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String entryName = entry.getFileName().toString();
            if (attributes.isDirectory() && RUN_NAME.matcher(entryName).matches()) {
                boolean runCommitted = committed.test(entryName);
                if (!runCommitted && !giveBackTheRest) {
                    continue;
                }
                try (DirectoryStream<Path> claims = Files.newDirectoryStream(entry)) {
                    for (Path claim : claims) {
                        if (runCommitted) {
                            processedFiles += finishProcessed(claim, entryName) ? 1 : 0;
                        } else {
                            returned += giveBack(claim) ? 1 : 0;
                        }
                    }
                } catch (IOException e) {
                    throw new IOException(
                            "cannot move the files of " + (runCommitted ? "committed " : "") + PROCESSING + "/"
                                    + entryName + (runCommitted ? " to " + PROCESSED + "/" : " back") + ": " + e,
                            e);
                }
                deleteIfEmpty(entry);
            } else if (giveBackTheRest && processing != processingRoot) {
                returned += giveBack(entry) ? 1 : 0;
            }
        }
        return new OtherRunsClaims(returned, processedFiles);
    }

    /** What {@link #settleClaimsOfOtherRuns} did: files given back to the folder, files moved to processed/. */
    public record OtherRunsClaims(int returned, int processed) {}

    /** Gives a file this run claimed back to the folder, for a later run to read. */
    public Path release(ClaimedFile claimed) throws IOException {
        return placeUnderFreeName(claimed.path(), dir, claimed.originalName());
    }

    /** Removes this run's claim folder once it is empty; a no-op for the shared {@code processing/}. */
    public void removeRunFolder() throws IOException {
        if (processing != processingRoot) {
            deleteIfEmpty(processing);
        }
    }

    private static void deleteIfEmpty(Path folder) throws IOException {
        try {
            Files.deleteIfExists(folder);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            LOG.fine(() -> "claim folder " + folder.getFileName() + " still holds files");
        }
    }

    private boolean giveBack(Path claim) throws IOException {
        String name = claim.getFileName().toString();
        if (!CLAIM_NAME.matcher(name).matches()) {
            LOG.warning(() -> "left " + claim + " in place: not a claim name");
            return false;
        }
        String original = name.substring(name.indexOf('_') + 1);
        Path back = placeUnderFreeName(claim, dir, original);
        LOG.info(() -> "gave back " + original + ", claimed by a run that will not finish, as " + back.getFileName());
        return true;
    }

    private boolean finishProcessed(Path claim, String run) throws IOException {
        String name = claim.getFileName().toString();
        if (!CLAIM_NAME.matcher(name).matches()) {
            LOG.warning(() -> "left " + claim + " in place: not a claim name");
            return false;
        }
        String original = name.substring(name.indexOf('_') + 1);
        Path done = placeUnderFreeName(claim, processed, original);
        LOG.info(() -> "moved " + original + " to processed/ as " + done.getFileName() + ": " + run
                + " committed its rows before it could move it");
        return true;
    }

    private static Path placeUnderFreeName(Path source, Path folder, String name) throws IOException {
        for (int n = 0; n < MAX_NAME_SUFFIX; n++) {
            Path target = folder.resolve(suffixed(name, n));
            try {
                placeWithoutOverwrite(source, target);
                return target;
            } catch (FileAlreadyExistsException e) {
                continue;
            }
        }
        throw new FileAlreadyExistsException(name, null, "no free name after " + MAX_NAME_SUFFIX + " suffixes");
    }

    /** Moves a fully read file to {@code processed/<original name>}; returns where it went. */
    public Path markProcessed(ClaimedFile claimed) throws IOException {
        for (int n = 0; n < MAX_NAME_SUFFIX; n++) {
            Path target = processed.resolve(suffixed(claimed.originalName(), n));
            try {
                placeWithoutOverwrite(claimed.path(), target);
                LOG.fine(() -> "processed " + claimed.sourceUri() + " -> " + target);
                return target;
            } catch (FileAlreadyExistsException e) {
                continue;
            }
        }
        throw new FileAlreadyExistsException(
                processed.resolve(claimed.originalName()).toString(),
                null,
                "no free name after " + MAX_NAME_SUFFIX + " suffixes");
    }

    /**
     * Moves a claimed file to {@code quarantine/<original name>} and writes its reason to
     * {@code quarantine/<original name>.reason} first, so a quarantined file always has its reason.
     */
    public QuarantinedFile quarantine(ClaimedFile claimed, String reason) throws IOException {
        for (int n = 0; n < MAX_NAME_SUFFIX; n++) {
            String name = suffixed(claimed.originalName(), n);
            Path reasonFile = quarantine.resolve(name + REASON_SUFFIX);
            Path target = quarantine.resolve(name);
            try {
                Files.write(
                        reasonFile,
                        (reason + "\n").getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            try {
                placeWithoutOverwrite(claimed.path(), target);
            } catch (FileAlreadyExistsException e) {
                Files.delete(reasonFile);
                continue;
            }
            QuarantinedFile q = new QuarantinedFile(claimed.originalName(), target, reasonFile, reason);
            LOG.warning(() -> "quarantined " + claimed.sourceUri() + " -> " + target + ": " + reason);
            onQuarantine.accept(q);
            return q;
        }
        throw new FileAlreadyExistsException(
                quarantine.resolve(claimed.originalName()).toString(),
                null,
                "no free name after " + MAX_NAME_SUFFIX + " suffixes");
    }

    private List<Path> candidates() throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                Path name = p.getFileName();
                if (name.toString().startsWith(".") || !glob.matches(name.toString())) {
                    continue;
                }
                try {
                    if (Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                            .isDirectory()) {
                        continue;
                    }
                } catch (NoSuchFileException e) {
                    continue;
                }
                found.add(p);
            }
        }
        found.sort(null);
        return found;
    }

    /** Why a claimed file may not be read, or null when it may. */
    private String refusal(ClaimedFile claimed) throws IOException {
        BasicFileAttributes attributes =
                Files.readAttributes(claimed.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            return "symbolic link refused: only regular files inside the drop directory are read";
        }
        if (!attributes.isRegularFile()) {
            return "not a regular file";
        }
        if (!claimed.path().toRealPath().startsWith(processing)) {
            return "real path escapes the drop directory";
        }
        if (attributes.size() > limits.maxFileBytes()) {
            return "file size " + attributes.size() + " bytes exceeds the limit of " + limits.maxFileBytes() + " bytes";
        }
        return null;
    }

    /**
     * A second name for the file elsewhere would let a dropper have us read a file they could
     * only link to, not copy; only checked on claim, as our own moves link for an instant.
     */
    private static String hardLinkRefusal(Path claimed) throws IOException {
        Object links;
        try {
            links = Files.getAttribute(claimed, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
        return links instanceof Integer n && n > 1
                ? "hard link refused: the file has " + n + " names; drop a copy instead"
                : null;
    }

    /**
     * Puts a file at target unless target exists. A hard link fails atomically when the name is
     * taken, so two movers can never pick the same name; where links are not allowed a plain
     * no-replace move is the fallback.
     */
    private static void placeWithoutOverwrite(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            LOG.log(Level.FINE, "hard link refused, moving instead", e);
            Files.move(source, target);
            return;
        }
        Files.delete(source);
    }

    private String sourceUri(String name) {
        return "file:" + dir.resolve(name).toUri().getRawPath();
    }

    /** {@code visits.csv.gz} with suffix 2 is {@code visits-2.csv.gz}. */
    static String suffixed(String name, int n) {
        if (n == 0) {
            return name;
        }
        int dot = name.indexOf('.', 1);
        return dot < 0 ? name + "-" + n : name.substring(0, dot) + "-" + n + name.substring(dot);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }
}
