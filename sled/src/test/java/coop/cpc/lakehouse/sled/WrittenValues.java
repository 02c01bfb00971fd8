package coop.cpc.lakehouse.sled;

import coop.cpc.lakehouse.sled.format.ByteCursor;
import coop.cpc.lakehouse.sled.format.Link;
import coop.cpc.lakehouse.sled.format.MessageHeader;
import coop.cpc.lakehouse.sled.format.MessageKind;
import coop.cpc.lakehouse.sled.format.Node;
import coop.cpc.lakehouse.sled.format.SegmentHeader;
import coop.cpc.lakehouse.sled.format.SledConf;
import coop.cpc.lakehouse.sled.format.Zstd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Every (stored key, value) that an undamaged database holds in any CRC-valid page fragment: leaf
 * entries of nodes and the Set links, in the log and in blob files, current or superseded.
 *
 * <p>Values are never assembled from pieces: each one is copied out of a single fragment whose CRC
 * was checked. So whatever a damaged copy of the database yields must be among these, with a key
 * ending in the stored key (the rest of the key is the node's prefix) — unless damaged bytes pass
 * a CRC-32 check, which random damage does with probability 2^-32.
 */
final class WrittenValues {

    private final Set<String> entries = new HashSet<>();

    static WrittenValues scan(Path directory) {
        try {
            WrittenValues values = new WrittenValues();
            SledConf conf = SledConf.parse(Files.readAllBytes(directory.resolve("conf")), directory.resolve("conf"));
            values.scanLog(Files.readAllBytes(directory.resolve("db")), conf);
            Path blobs = directory.resolve("blobs");
            if (Files.isDirectory(blobs)) {
                try (Stream<Path> files = Files.list(blobs)) {
                    for (Path blob : files.toList()) {
                        values.scanBlob(Files.readAllBytes(blob), conf.useCompression());
                    }
                }
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether some fragment stored this value under a key that {@code key} ends with. */
    boolean contains(byte[] key, int valueLength, String valueCrc) {
        for (int start = 0; start <= key.length; start++) {
            if (entries.contains(entry(Arrays.copyOfRange(key, start, key.length), valueLength, valueCrc))) {
                return true;
            }
        }
        return false;
    }

    private void scanLog(byte[] log, SledConf conf) {
        int size = conf.segmentSize();
        for (int base = 0; base + SegmentHeader.LENGTH <= log.length; base += size) {
            SegmentHeader header = SegmentHeader.parse(Arrays.copyOfRange(log, base, base + SegmentHeader.LENGTH));
            int end = Math.min(log.length, base + size);
            int at = base + SegmentHeader.LENGTH;
            while (header.crcValid() && at <= end - MessageHeader.MAX_LENGTH) {
                MessageHeader message = MessageHeader.parse(log, at, Math.min(end, at + 128));
                long bodyEnd = at + message.length() + message.bodyLength();
                if (message.bodyLength() < 0 || bodyEnd > end) {
                    break;
                }
                byte[] body = Arrays.copyOfRange(log, at + message.length(), (int) bodyEnd);
                CRC32 crc = new CRC32();
                crc.update(body);
                crc.update(log, at + 4, message.length() - 4);
                if ((crc.getValue() ^ 0xFFFF_FFFFL) != message.crc()
                        || message.segmentNumber() != header.lsn() / size) {
                    break;
                }
                if (!message.kind().isBlob()) {
                    decode(message.kind(), body, conf.useCompression());
                }
                at = (int) bodyEnd;
            }
        }
    }

    private void scanBlob(byte[] blob, boolean compressed) {
        CRC32 crc = new CRC32();
        crc.update(blob, 4, blob.length - 4);
        if (blob.length >= 5 && crc.getValue() == new ByteCursor(blob, 0, 4).u32()) {
            decode(MessageKind.fromId(blob[4] & 0xFF), Arrays.copyOfRange(blob, 5, blob.length), compressed);
        }
    }

    private void decode(MessageKind kind, byte[] payload, boolean compressed) {
        if (!kind.isNode() && !kind.isLink()) {
            return;
        }
        byte[] page = compressed ? Zstd.decompressPayload(payload) : payload;
        if (kind.isLink()) {
            if (Link.parse(page) instanceof Link.Set set) {
                entries.add(entry(set.encodedKey(), set.value().length, crc(set.value())));
            }
            return;
        }
        Node node = Node.parse(page);
        for (int i = 0; node.isLeaf() && i < node.size(); i++) {
            byte[] key = node.key(i);
            byte[] stored = Arrays.copyOfRange(key, node.prefixLength(), key.length);
            entries.add(entry(stored, node.value(i).length, crc(node.value(i))));
        }
    }

    private static String crc(byte[] value) {
        CRC32 crc = new CRC32();
        crc.update(value);
        return String.format("%08x", crc.getValue());
    }

    private static String entry(byte[] storedKey, int valueLength, String valueCrc) {
        return HexFormat.of().formatHex(storedKey) + "|" + valueLength + "|" + valueCrc;
    }

    static List<String> columns(String dumpLine) {
        return List.of(dumpLine.split("\t", -1));
    }
}
