package coop.cpc.lakehouse.columnar.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.columnar.CorruptSegmentException;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.SchemaException;
import coop.cpc.lakehouse.columnar.SchemaJson;
import coop.cpc.lakehouse.columnar.SegmentWriter;
import coop.cpc.lakehouse.columnar.Values;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import coop.cpc.lakehouse.columnar.csv.CsvFormatException;
import coop.cpc.lakehouse.columnar.csv.CsvRows;
import coop.cpc.lakehouse.columnar.csv.CsvWriter;
import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.encoding.StreamDescriptor;
import coop.cpc.lakehouse.columnar.webm.RowGroupInfo;
import coop.cpc.lakehouse.columnar.webm.SegmentMetadata;
import coop.cpc.lakehouse.columnar.webm.TrackInfo;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code webm-columnar encode|decode|inspect|verify|samples}. Exit codes: 0 done, 1 bad data
 * (CSV, schema or segment), 2 bad usage.
 */
public final class WebmColumnarCli {
    static final String USAGE = String.join(
            "\n",
            "usage: webm-columnar encode --schema schema.json --input data.csv --output seg.webm [--row-group-size N] [--title T] [--threads N]",
            "       webm-columnar decode --input seg.webm --output data.csv [--columns a,b] [--threads N]",
            "       webm-columnar inspect seg.webm",
            "       webm-columnar verify seg.webm",
            "       webm-columnar samples --input seg.webm --track NAME --output t.yuv");

    private final PrintStream out;
    private final PrintStream err;

    WebmColumnarCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new WebmColumnarCli(System.out, System.err).run(args));
    }

    /** Runs one command and returns its exit code. */
    int run(String[] args) {
        try {
            if (args.length == 0) {
                throw new UsageException("no command");
            }
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case "encode" ->
                    encode(options(rest, "schema", "input", "output", "row-group-size", "title", "threads"));
                case "decode" -> decode(options(rest, "input", "output", "columns", "threads"));
                case "inspect" -> inspect(single(rest));
                case "verify" -> verify(single(rest));
                case "samples" -> samples(options(rest, "input", "track", "output"));
                case "help", "--help", "-h" -> out.println(USAGE);
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            }
            return 0;
        } catch (UsageException e) {
            err.println("webm-columnar: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (BadInputException | CsvFormatException | CorruptSegmentException | SchemaException e) {
            err.println("webm-columnar: " + e.getMessage());
            return 1;
        } catch (NoSuchFileException e) {
            err.println("webm-columnar: no such file: " + e.getFile());
            return 1;
        } catch (IOException e) {
            err.println("webm-columnar: " + e);
            return 1;
        }
    }

    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Bad data in an input file, the message naming the file. */
    private static final class BadInputException extends Exception {
        private static final long serialVersionUID = 1L;

        BadInputException(String message) {
            super(message);
        }
    }

    /** The command's options; a mistyped or repeated one is refused, not silently ignored or overridden. */
    private static Map<String, String> options(String[] args, String... known) throws UsageException {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new UsageException("expected --option value, got '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            if (!List.of(known).contains(name)) {
                throw new UsageException("unknown option '" + args[i] + "'");
            }
            if (m.put(name, args[i + 1]) != null) {
                throw new UsageException(args[i] + " given twice");
            }
        }
        return m;
    }

    private static Path single(String[] args) throws UsageException {
        if (args.length != 1) {
            throw new UsageException("expected one segment file");
        }
        return inputFile("segment", args[0]);
    }

    /** An input file: a directory is refused naming it (it was "java.io.IOException: Is a directory"). */
    private static Path inputFile(String what, String value) throws UsageException {
        Path p = Path.of(value);
        if (Files.isDirectory(p)) {
            throw new UsageException(what + " " + p + " is a directory, not a file");
        }
        return p;
    }

    private static String required(Map<String, String> o, String name) throws UsageException {
        String v = o.get(name);
        if (v == null) {
            throw new UsageException("missing --" + name);
        }
        return v;
    }

    private static int positive(Map<String, String> o, String name, int defaultValue) throws UsageException {
        String v = o.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below like any other bad value.
        }
        throw new UsageException("--" + name + " must be a positive number");
    }

    private void encode(Map<String, String> o) throws UsageException, BadInputException, IOException {
        int groupSize = positive(o, "row-group-size", WebmColumnar.DEFAULT_ROW_GROUP_SIZE);
        if (groupSize > WebmColumnar.MAX_ROW_GROUP_SIZE) {
            throw new UsageException("--row-group-size must be from 1 to " + WebmColumnar.MAX_ROW_GROUP_SIZE);
        }
        Path schemaFile = inputFile("--schema", required(o, "schema"));
        Schema schema;
        try {
            schema = SchemaJson.parse(Files.readString(schemaFile));
        } catch (SchemaException e) {
            throw new SchemaException(schemaFile + ": " + e.getMessage());
        }
        Path input = inputFile("--input", required(o, "input"));
        Path output = Path.of(required(o, "output"));
        int threads = positive(o, "threads", 1);
        // With several threads, each full row group encodes while the next rows are parsed.
        java.util.concurrent.ExecutorService encoder = threads > 1
                ? java.util.concurrent.Executors.newFixedThreadPool(threads, task -> {
                    Thread t = new Thread(task, "webm-columnar-encode");
                    t.setDaemon(true);
                    return t;
                })
                : null;
        try {
            writeWhole(output, List.of(schemaFile, input), os -> {
                try (Reader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
                    WebmColumnar.WriteBuilder builder = WebmColumnar.write(os)
                            .schema(schema)
                            .rowGroupSize(groupSize)
                            .title(o.get("title"))
                            .threads(threads);
                    if (encoder != null) {
                        builder.encodeAhead(encoder, 2);
                    }
                    SegmentWriter w = builder.build();
                    long rows = CsvRows.read(in, schema, w::add);
                    if (rows == 0) {
                        throw new CsvFormatException(2, null, "no data rows");
                    }
                    w.close();
                }
            });
        } catch (CsvFormatException e) {
            throw new BadInputException(input + ": " + e.getMessage());
        } finally {
            if (encoder != null) {
                encoder.shutdownNow();
            }
        }
    }

    /** What a command writes to its output file. */
    @FunctionalInterface
    private interface Body {
        void write(OutputStream os) throws IOException;
    }

    /**
     * Writes a command's output whole or not at all: never over one of its inputs or a directory
     * (an empty one was replaced, a segment decoded onto itself lost), into a sibling {@code .tmp}
     * file that is moved into place only when complete and deleted on any failure, the move's too.
     */
    private static void writeWhole(Path output, List<Path> inputs, Body body) throws UsageException, IOException {
        if (Files.isDirectory(output)) {
            throw new UsageException("--output " + output + " is a directory");
        }
        for (Path input : inputs) {
            if (Files.exists(output) && Files.exists(input) && Files.isSameFile(input, output)) {
                throw new UsageException("--output " + output + " is the same file as the input " + input);
            }
        }
        Path directory = output.toAbsolutePath().getParent();
        if (directory != null && !Files.isDirectory(directory)) {
            throw new UsageException("--output " + output + ": no such directory " + directory);
        }
        Path tmp = output.resolveSibling(output.getFileName() + ".tmp");
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                body.write(os);
            }
            Files.move(tmp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private void decode(Map<String, String> o) throws UsageException, IOException {
        Path input = inputFile("--input", required(o, "input"));
        Path output = Path.of(required(o, "output"));
        int threads = positive(o, "threads", 1);
        try (WebmColumnar.ReadBuilder r = WebmColumnar.read(input).threads(threads)) {
            if (o.containsKey("columns")) {
                r.project(o.get("columns").split(","));
            }
            Schema schema;
            List<Object[]> rows;
            try {
                schema = r.schema();
                rows = r.rows();
            } catch (SchemaException e) {
                throw new UsageException(e.getMessage());
            }
            Schema decoded = schema;
            List<Object[]> decodedRows = rows;
            writeWhole(output, List.of(input), os -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
                CsvWriter csv = new CsvWriter(w, decoded);
                for (Object[] row : decodedRows) {
                    csv.row(row);
                }
                w.flush();
            });
        }
    }

    private void inspect(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try (WebmColumnar.ReadBuilder r = WebmColumnar.read(file)) {
            SegmentMetadata m = r.metadata();
            long[][] sizes = r.blockSizes();
            ObjectNode root = mapper.createObjectNode();
            root.put("file", file.toString());
            root.put("format", m.format());
            root.put("size", m.size());
            if (m.title() != null) {
                root.put("title", m.title());
            }
            root.put("rows", m.rowCount());
            ArrayNode groups = root.putArray("rowGroups");
            for (RowGroupInfo g : m.rowGroups()) {
                groups.addObject()
                        .put("index", g.index())
                        .put("rows", g.rows())
                        .put("firstRow", g.firstRow())
                        .put("clusterOffset", g.clusterOffset())
                        .put("clusterSize", g.clusterSize());
            }
            ArrayNode tracks = root.putArray("tracks");
            for (TrackInfo t : m.tracks()) {
                ObjectNode tn = tracks.addObject();
                tn.put("number", t.number());
                tn.put("name", t.column().name());
                tn.put("type", t.column().type().toString());
                tn.put("nullable", t.column().nullable());
                tn.put("codec", "V_AV1");
                tn.put("bitDepth", t.bitDepth());
                tn.put("width", t.width());
                tn.put("height", t.height());
                tn.put("codecPrivate", HexFormat.of().formatHex(t.codecPrivate()));
                long bytes = 0;
                for (long s : sizes[t.number() - 1]) {
                    bytes += s;
                }
                tn.put("bytes", bytes);
                tn.put("nullCount", t.nullCount());
                if (t.min() != null) {
                    tn.put("min", Values.format(t.column().type(), t.min()));
                    tn.put("max", Values.format(t.column().type(), t.max()));
                }
                ArrayNode chunks = tn.putArray("chunks");
                for (int g = 0; g < t.chunks().size(); g++) {
                    ChunkDescriptor d = t.chunks().get(g);
                    ObjectNode cn = chunks.addObject();
                    cn.put("rowGroup", g)
                            .put("rows", d.rows())
                            .put("nulls", d.nulls())
                            .put("mapping", d.mappingLabel())
                            .put("samples", d.sampleCount())
                            .put("bytes", sizes[t.number() - 1][g]);
                    if (d.hasStats()) {
                        cn.put("min", Values.format(t.column().type(), d.min()));
                        cn.put("max", Values.format(t.column().type(), d.max()));
                    }
                    ArrayNode streams = cn.putArray("streams");
                    for (StreamDescriptor sd : d.streams()) {
                        streams.addObject()
                                .put("values", sd.length())
                                .put("transform", sd.transform().label())
                                .put("mode", sd.split() ? "split" : "escape")
                                .put("limbs", sd.limbs())
                                .put("exceptions", sd.exceptions())
                                .put("samples", sd.sampleCount());
                    }
                }
            }
            out.println(mapper.writeValueAsString(root));
        }
    }

    private void verify(Path file) throws IOException {
        try (WebmColumnar.ReadBuilder r = WebmColumnar.read(file)) {
            long rows = r.verify();
            out.println("OK " + file + ": " + rows + " rows, "
                    + r.metadata().rowGroups().size() + " row groups, "
                    + r.metadata().tracks().size() + " tracks; CRC-32s and AV1 frames verified");
        }
    }

    private void samples(Map<String, String> o) throws UsageException, IOException {
        Path input = inputFile("--input", required(o, "input"));
        String track = required(o, "track");
        Path output = Path.of(required(o, "output"));
        try (WebmColumnar.ReadBuilder r = WebmColumnar.read(input)) {
            SegmentMetadata m = r.metadata();
            int bitDepth;
            List<int[]> frames;
            try {
                bitDepth = m.tracks().get(m.schema().ordinal(track)).bitDepth();
                frames = r.samples(track);
            } catch (SchemaException e) {
                throw new UsageException(e.getMessage());
            }
            int depth = bitDepth;
            List<int[]> trackFrames = frames;
            writeWhole(output, List.of(input), os -> {
                for (int[] frame : trackFrames) {
                    os.write(SampleBytes.of(frame, depth));
                }
            });
        }
    }
}
