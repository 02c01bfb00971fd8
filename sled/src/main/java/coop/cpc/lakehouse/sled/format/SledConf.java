package coop.cpc.lakehouse.sled.format;

import coop.cpc.lakehouse.sled.CorruptSledFileException;
import coop.cpc.lakehouse.sled.UnsupportedSledVersionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The {@code conf} file: {@code segment_size: N\nuse_compression: bool\nversion: 0.34\n} followed by
 * the CRC-32 of that text as a little-endian u32.
 */
public record SledConf(int segmentSize, boolean useCompression, String version) {

    public static final String SUPPORTED_VERSION = "0.34";

    /** sled 0.34 accepts powers of two from 256 bytes to 16 MiB. */
    private static final int MIN_SEGMENT_SIZE = 256;

    private static final int MAX_SEGMENT_SIZE = 1 << 24;

    public static SledConf parse(byte[] bytes, Path file) {
        if (bytes.length <= 8) {
            throw new CorruptSledFileException(file, 0, "conf is only " + bytes.length + " bytes long");
        }
        int textLength = bytes.length - 4;
        Map<String, String> values = lines(new String(bytes, 0, textLength, StandardCharsets.UTF_8));
        // The version is checked before the CRC so that other sled versions get a clear refusal
        // even when their conf is laid out differently.
        String version = values.get("version");
        if (version != null && !SUPPORTED_VERSION.equals(version)) {
            throw new UnsupportedSledVersionException(
                    file + " says sled format version " + version + "; only " + SUPPORTED_VERSION + ".x is supported");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, textLength);
        long stored = new ByteCursor(bytes, textLength, bytes.length).u32();
        if (crc.getValue() != stored) {
            throw new CorruptSledFileException(file, textLength, "conf CRC mismatch");
        }
        if (version == null) {
            throw new CorruptSledFileException(file, 0, "conf has no version line");
        }
        int segmentSize = segmentSize(values.get("segment_size"), file);
        String compression = values.get("use_compression");
        if (!"true".equals(compression) && !"false".equals(compression)) {
            throw new CorruptSledFileException(file, 0, "conf has use_compression: " + compression);
        }
        return new SledConf(segmentSize, Boolean.parseBoolean(compression), version);
    }

    private static int segmentSize(String raw, Path file) {
        int size;
        try {
            size = Integer.parseInt(raw == null ? "" : raw);
        } catch (NumberFormatException e) {
            throw new CorruptSledFileException(file, 0, "conf has segment_size: " + raw);
        }
        if (size < MIN_SEGMENT_SIZE || size > MAX_SEGMENT_SIZE || Integer.bitCount(size) != 1) {
            throw new CorruptSledFileException(
                    file, 0, "segment_size " + size + " is not a power of two in 256..16 MiB");
        }
        return size;
    }

    private static Map<String, String> lines(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                values.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return values;
    }
}
