package coop.cpc.lakehouse.sled;

import coop.cpc.lakehouse.sled.format.SledConf;
import coop.cpc.lakehouse.sled.log.BlobFiles;
import coop.cpc.lakehouse.sled.log.FragmentReader;
import coop.cpc.lakehouse.sled.log.LogFile;
import coop.cpc.lakehouse.sled.log.LogRecovery;
import coop.cpc.lakehouse.sled.log.PageTable;
import coop.cpc.lakehouse.sled.tree.PageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sled 0.34.x database directory, opened read-only.
 *
 * <p>Opening reads {@code conf}, the newest snapshot and every segment header, and replays the log
 * into an in-memory page table, doing sled's crash recovery without touching the files. Pages are
 * read when a tree is iterated. Nothing is ever written and sled's lock is not taken, so a live
 * database is read as its files are at the moment each is read.
 *
 * <pre>{@code
 * try (SledDatabase db = SledDatabase.open(dir)) {
 *     for (SledTree tree : db.trees()) {
 *         for (SledPair pair : tree) { ... }
 *     }
 * }
 * }</pre>
 */
public final class SledDatabase implements AutoCloseable {

    /** Files that only sled 1.0 writes. */
    private static final List<String> SLED_1_MARKERS = List.of("durability_cookie", "slabs", "metadata", "heap");

    private static final int MAX_CONF_SIZE = 4096;

    private final Path directory;
    private final SledConf conf;
    private final LogFile log;
    private final PageStore store;

    private SledDatabase(Path directory, SledConf conf, LogFile log, PageStore store) {
        this.directory = directory;
        this.conf = conf;
        this.log = log;
        this.store = store;
    }

    /**
     * Opens a database directory.
     *
     * @throws UnsupportedSledVersionException if it is not a sled 0.34.x database
     * @throws CorruptSledFileException if a file is damaged beyond what crash recovery handles
     * @throws SledIoException if a file cannot be read
     */
    public static SledDatabase open(Path directory) {
        return open(directory, SymbolicLinks.FOLLOW);
    }

    /**
     * Opens a database directory, refusing symbolic links when asked: checked before any file is
     * read, and again for each blob file, which is opened without following links.
     *
     * @throws SledIoException naming a link when {@code links} is {@link SymbolicLinks#REFUSE}
     */
    public static SledDatabase open(Path directory, SymbolicLinks links) {
        if (!Files.isDirectory(directory)) {
            throw new SledIoException(directory, Files.exists(directory) ? "not a directory" : "no such directory");
        }
        links.check(directory);
        SledConf conf = SledConf.parse(readConf(directory), directory.resolve("conf"));
        Path logPath = directory.resolve("db");
        if (!Files.isRegularFile(logPath)) {
            throw new CorruptSledFileException(logPath, 0, "conf is present but the db log file is missing");
        }
        LogFile log = LogFile.open(logPath);
        try {
            BlobFiles blobs = new BlobFiles(directory, links == SymbolicLinks.REFUSE);
            PageTable table = new LogRecovery(directory, conf, log, blobs).recover();
            FragmentReader reader = new FragmentReader(log, blobs, conf.segmentSize(), conf.useCompression());
            return new SledDatabase(directory, conf, log, new PageStore(table, reader, logPath));
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    private static byte[] readConf(Path directory) {
        Path conf = directory.resolve("conf");
        if (!Files.exists(conf)) {
            for (String marker : SLED_1_MARKERS) {
                if (Files.exists(directory.resolve(marker))) {
                    throw new UnsupportedSledVersionException(directory + " has the layout of sled 1.0 (found " + marker
                            + "); only sled 0.34.x is supported");
                }
            }
            throw new UnsupportedSledVersionException(directory + " has no conf file: not a sled 0.34 database");
        }
        try {
            if (Files.size(conf) > MAX_CONF_SIZE) {
                throw new CorruptSledFileException(conf, 0, "conf is " + Files.size(conf) + " bytes long");
            }
            return Files.readAllBytes(conf);
        } catch (IOException e) {
            throw new SledIoException(conf, e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** Segment size and compression as recorded in {@code conf}. */
    public SledConf conf() {
        return conf;
    }

    /** All trees, ordered by name bytes as sled orders them; their pairs are read lazily. */
    public List<SledTree> trees() {
        PageStore.MetaPage meta = store.meta();
        List<SledTree> trees = new ArrayList<>(meta.roots().size());
        meta.roots().forEach((name, root) -> trees.add(new SledTree(name, root, store, meta.file(), meta.offset())));
        return List.copyOf(trees);
    }

    @Override
    public void close() {
        log.close();
    }
}
