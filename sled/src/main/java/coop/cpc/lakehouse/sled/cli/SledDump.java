package coop.cpc.lakehouse.sled.cli;

import coop.cpc.lakehouse.sled.SledDatabase;
import coop.cpc.lakehouse.sled.SledException;
import coop.cpc.lakehouse.sled.SledPair;
import coop.cpc.lakehouse.sled.SledTree;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * {@code sled-dump <dir>}: one line per pair, {@code tree name hex \t key hex \t value length \t
 * value CRC-32 as 8 lower-case hex digits}, trees by name and keys in byte order.
 */
public final class SledDump {

    static final int EXIT_USAGE = 2;
    static final int EXIT_FAILURE = 1;

    private static final HexFormat HEX = HexFormat.of();

    private SledDump() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: sled-dump <sled database directory>");
            return EXIT_USAGE;
        }
        Writer writer = new BufferedWriter(new OutputStreamWriter(failing(out), StandardCharsets.US_ASCII), 1 << 16);
        try (SledDatabase db = SledDatabase.open(Path.of(args[0]))) {
            dump(db, writer);
            writer.flush();
            return 0;
        } catch (SledException e) {
            flushQuietly(writer);
            err.println("sled-dump: " + e.getMessage());
            return EXIT_FAILURE;
        } catch (IOException | UncheckedIOException e) {
            err.println("sled-dump: cannot write output: " + e.getMessage());
            return EXIT_FAILURE;
        }
    }

    /** Writes the whole database in the {@code *.expected.tsv} format. */
    public static void dump(SledDatabase db, Writer writer) throws IOException {
        CRC32 crc = new CRC32();
        for (SledTree tree : db.trees()) {
            String name = HEX.formatHex(tree.name());
            for (SledPair pair : tree) {
                crc.reset();
                crc.update(pair.value());
                writer.write(name);
                writer.write('\t');
                writer.write(HEX.formatHex(pair.key()));
                writer.write('\t');
                writer.write(Integer.toString(pair.value().length));
                writer.write('\t');
                writer.write(HEX.toHexDigits((int) crc.getValue()));
                writer.write('\n');
            }
        }
    }

    /**
     * PrintStream swallows write errors (a closed pipe, a full disk): without this a cut dump ended
     * with exit 0. Stops at the first failed write instead of reading the rest of the database.
     */
    private static OutputStream failing(PrintStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                if (out.checkError()) {
                    throw new IOException("standard output is closed or full");
                }
            }

            @Override
            public void flush() throws IOException {
                if (out.checkError()) {
                    throw new IOException("standard output is closed or full");
                }
            }
        };
    }

    private static void flushQuietly(Writer writer) {
        try {
            writer.flush();
        } catch (IOException ignored) {
            // The error being reported matters more than output that could not be flushed.
        }
    }
}
