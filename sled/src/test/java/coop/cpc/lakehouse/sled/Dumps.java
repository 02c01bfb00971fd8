package coop.cpc.lakehouse.sled;

import coop.cpc.lakehouse.sled.cli.SledDump;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/** Test helpers around the dump format. */
public final class Dumps {

    private Dumps() {}

    /** The database as sled-dump prints it. */
    public static String dump(Path directory) {
        StringWriter out = new StringWriter();
        try (SledDatabase db = SledDatabase.open(directory)) {
            SledDump.dump(db, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static List<String> lines(Path directory) {
        return dump(directory).lines().toList();
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The dump line for one pair (CRC-32 written out so that tests read as data). */
    public static String line(String tree, String key, String value) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ascii(value));
        return HexFormat.of().formatHex(ascii(tree)) + "\t" + HexFormat.of().formatHex(ascii(key)) + "\t"
                + value.length() + "\t" + String.format("%08x", crc.getValue());
    }
}
