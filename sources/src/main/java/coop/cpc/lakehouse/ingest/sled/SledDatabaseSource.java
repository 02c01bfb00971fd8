package coop.cpc.lakehouse.ingest.sled;

import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.RowSink;
import coop.cpc.lakehouse.sled.SledDatabase;
import coop.cpc.lakehouse.sled.SledTree;
import coop.cpc.lakehouse.sled.SymbolicLinks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A sled 0.34 database folder as an ingestion source: each chosen tree feeds its own asset with
 * the columns {@code key bytes} (not null) and the value as the {@link SledValueFormat} says
 * ({@code value bytes}, {@code value string}, or the configured JSON columns).
 *
 * <p>Opening reads the database (read-only, with sled's crash recovery in memory) and checks the
 * tree names; {@link #open(SledCheckpoint)} then reads the trees pair by pair in the chosen
 * order. Tree names are sled's name bytes read as UTF-8.
 */
public final class SledDatabaseSource implements AutoCloseable {

    /** A catalog asset name. */
    public static final Pattern ASSET_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** Longest asset name prefix: it leaves room for a tree part and a hash. */
    public static final int MAX_PREFIX_LENGTH = 40;

    private static final int MAX_ASSET_NAME_LENGTH = 63;
    private static final int HASH_HEX_DIGITS = 8;
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern OTHER_CHARACTERS = Pattern.compile("[^a-z0-9]+");

    private final SledDatabase database;
    private final String folderName;
    private final List<String> names;
    private final List<SledTree> trees;
    private final SledValueDecoder decoder;

    private SledDatabaseSource(
            SledDatabase database,
            String folderName,
            List<String> names,
            List<SledTree> trees,
            SledValueDecoder decoder) {
        this.database = database;
        this.folderName = folderName;
        this.names = names;
        this.trees = trees;
        this.decoder = decoder;
    }

    /**
     * Opens the database in {@code folder} and chooses the trees to read.
     *
     * @param trees        tree names to read in this order, or empty for every tree in name order
     *                     (the default tree is {@code __sled__default})
     * @param valueColumns the columns of a JSON value (nullable ones may be missing from it); null
     *                     for BYTES and UTF8
     * @throws UnknownSledTreeException naming a tree the database lacks, and listing those it has
     * @throws IllegalArgumentException when the value columns do not fit the format
     * @throws coop.cpc.lakehouse.sled.SledException when the folder is not a readable sled 0.34 database
     */
    public static SledDatabaseSource open(
            Path folder, List<String> trees, SledValueFormat format, Schema valueColumns) {
        SledValueDecoder decoder = new SledValueDecoder(format, valueColumns);
        // An ingestion folder may have been prepared by anyone who can write to the inbox: no links.
        SledDatabase database = SledDatabase.open(folder, SymbolicLinks.REFUSE);
        try {
            Map<String, SledTree> byName = new LinkedHashMap<>();
            for (SledTree tree : database.trees()) {
                String name = new String(tree.name(), StandardCharsets.UTF_8);
                if (byName.put(name, tree) != null) {
                    throw new IllegalStateException("two trees of " + folder + " read as the same UTF-8 name '" + name
                            + "'; tree names that are not UTF-8 are not supported");
                }
            }
            List<String> names = trees.isEmpty() ? List.copyOf(byName.keySet()) : List.copyOf(trees);
            if (names.size() != names.stream().distinct().count()) {
                throw new IllegalArgumentException("a sled tree is listed twice: " + names);
            }
            List<SledTree> chosen = new ArrayList<>();
            for (String name : names) {
                SledTree tree = byName.get(name);
                if (tree == null) {
                    throw new UnknownSledTreeException(
                            "sled database " + folder + " has no tree " + name + "; its trees are " + byName.keySet());
                }
                chosen.add(tree);
            }
            return new SledDatabaseSource(
                    database,
                    String.valueOf(folder.toAbsolutePath().normalize().getFileName()),
                    names,
                    List.copyOf(chosen),
                    decoder);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The trees read, in the order they are read. */
    public List<String> trees() {
        return names;
    }

    /**
     * The schema of a tree's asset: {@code key bytes} not null, then the value columns.
     *
     * @throws UnknownSledTreeException if the tree is not one of {@link #trees()}
     */
    public Schema assetSchema(String tree) {
        requireChosen(tree);
        return decoder.assetSchema();
    }

    /** {@code sled:<folder name>/<tree>}: the source of a tree's rows and rejects, for lineage. */
    public String sourceName(String tree) {
        requireChosen(tree);
        return sourceName(folderName, tree);
    }

    static String sourceName(String folderName, String tree) {
        return "sled:" + folderName + "/" + tree;
    }

    /**
     * The asset name of every chosen tree, by {@link #assetName(String, String)}.
     *
     * @throws IllegalArgumentException when two trees would feed the same asset, naming both
     */
    public Map<String, String> assetNames(String prefix) {
        return assetNames(prefix, names);
    }

    /**
     * The asset name of each tree, by {@link #assetName(String, String)}, in the order given.
     *
     * @throws IllegalArgumentException when two trees would feed the same asset (names that differ
     *                                  only in case or punctuation), naming both
     */
    public static Map<String, String> assetNames(String prefix, List<String> trees) {
        Map<String, String> byTree = new LinkedHashMap<>();
        Map<String, String> byAsset = new HashMap<>();
        for (String tree : trees) {
            String asset = assetName(prefix, tree);
            String other = byAsset.putIfAbsent(asset, tree);
            if (other != null) {
                throw new IllegalArgumentException("sled trees '" + other + "' and '" + tree
                        + "' would both feed asset " + asset + "; read them in separate jobs with different prefixes");
            }
            byTree.put(tree, asset);
        }
        return byTree;
    }

    /** Opens a reader positioned after a checkpoint ({@link SledCheckpoint#START} for a fresh read). */
    public SledPairReader open(SledCheckpoint from) {
        return new SledPairReader(folderName, names, trees, decoder, from);
    }

    /**
     * Reads every remaining pair from a checkpoint.
     *
     * @return the checkpoint after the last pair given to the sink
     */
    public SledCheckpoint read(SledCheckpoint from, RowSink sink) throws IOException {
        try (SledPairReader reader = open(from)) {
            while (reader.readNext(sink)) {
                continue;
            }
            return reader.checkpoint();
        }
    }

    /**
     * The catalog name of a tree's asset, matching {@link #ASSET_NAME}
     * ({@code ^[a-z][a-z0-9_]{0,62}$}):
     * <ol>
     *   <li>the tree name lower-cased ({@link Locale#ROOT}), every run of characters other than
     *       {@code a-z} and {@code 0-9} (underscores included) replaced by one {@code _}, and
     *       leading and trailing {@code _} trimmed: {@code "User Events"} becomes {@code user_events};</li>
     *   <li>the default tree {@code __sled__default} becomes {@code default};</li>
     *   <li>an empty result (a name of punctuation or non-Latin letters only) becomes
     *       {@code tree_} and the hex of the name's UTF-8 bytes ({@code tree} for the empty name);</li>
     *   <li>the name is {@code prefix_} followed by that part;</li>
     *   <li>a name longer than 63 characters is cut to 54 (trailing {@code _} trimmed) and ends
     *       with {@code _} and 8 hex digits of the SHA-256 of the tree name's UTF-8 bytes, so
     *       trees whose names share a long beginning still get different assets.</li>
     * </ol>
     * Different tree names can still give the same asset name (case, punctuation);
     * {@link #assetNames(String)} refuses such a set of trees.
     *
     * @param prefix the asset prefix: {@code [a-z][a-z0-9_]*}, at most {@value #MAX_PREFIX_LENGTH} characters
     */
    public static String assetName(String prefix, String treeName) {
        if (prefix == null
                || prefix.length() > MAX_PREFIX_LENGTH
                || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("asset prefix '" + prefix + "' must match " + PREFIX.pattern()
                    + " and have at most " + MAX_PREFIX_LENGTH + " characters");
        }
        String part = treeName.equals(SledTree.DEFAULT_TREE_NAME)
                ? "default"
                : trimUnderscores(OTHER_CHARACTERS
                        .matcher(treeName.toLowerCase(Locale.ROOT))
                        .replaceAll("_"));
        if (part.isEmpty()) {
            part = treeName.isEmpty()
                    ? "tree"
                    : "tree_" + HexFormat.of().formatHex(treeName.getBytes(StandardCharsets.UTF_8));
        }
        String name = prefix + "_" + part;
        if (name.length() > MAX_ASSET_NAME_LENGTH) {
            String kept = trimUnderscores(name.substring(0, MAX_ASSET_NAME_LENGTH - HASH_HEX_DIGITS - 1));
            name = kept + "_" + shortHash(treeName);
        }
        return name;
    }

    private static String trimUnderscores(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '_') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '_') {
            end--;
        }
        return text.substring(start, end);
    }

    private static String shortHash(String treeName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(treeName.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, HASH_HEX_DIGITS / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private void requireChosen(String tree) {
        if (!names.contains(tree)) {
            throw new UnknownSledTreeException("tree " + tree + " is not among the trees read: " + names);
        }
    }

    /** Closes the database; readers opened from this source stop working. */
    @Override
    public void close() {
        database.close();
    }
}
