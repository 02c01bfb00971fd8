package coop.cpc.lakehouse.sled;

import static coop.cpc.lakehouse.sled.SyntheticDatabase.CAP;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.FREE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import coop.cpc.lakehouse.sled.format.SegmentHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery looks for intact messages in a slot whose segment header is damaged (and past damage that cuts a segment
 * short), trying every offset. Bytes crafted so that most offsets look like the header of a message with a long body
 * must not make each try checksum that body: the scan must stay about linear in the slot's size.
 */
class CraftedDamageScanTest {

    private static final int SEGMENT_SIZE = 4 << 20;

    /** A message header claiming a 2 MiB body: {@code crc | kind | len (4-byte varint) | segment 0 | pid 1}. */
    private static final byte[] FAKE_HEADER = SledEncoder.bytes()
            .u32(0x2A2A_2A2AL)
            .u8(FREE)
            .varint(2 << 20)
            .varint(0)
            .varint(1)
            .toBytes();

    @TempDir
    Path temp;

    @Test
    void aDamagedSlotOfFakeMessageHeadersIsScannedInLinearTime() throws IOException {
        byte[] log = new byte[2 * SEGMENT_SIZE];
        put(log, 0, SledEncoder.segmentHeader(0, -1));
        put(log, SegmentHeader.LENGTH, SledEncoder.message(CAP, 0, 0, new byte[0]));
        // Slot 1: no valid segment header, then fake headers back to back up to the end.
        fakeHeadersFrom(log, SEGMENT_SIZE + SegmentHeader.LENGTH);

        assertOpensEmptyWithinSeconds(log);
    }

    @Test
    void fakeMessageHeadersPastTheDamageThatCutsASegmentAreScannedInLinearTime() throws IOException {
        byte[] log = new byte[2 * SEGMENT_SIZE];
        put(log, 0, SledEncoder.segmentHeader(0, -1));
        // The first fake header is the damage that cuts segment 0; the scan past it meets the others.
        fakeHeadersFrom(log, SegmentHeader.LENGTH);
        // Segment 1 says segment 0 was durable, so segment 0 is replayed in the last pass, where damage cuts it.
        put(log, SEGMENT_SIZE, SledEncoder.segmentHeader(SEGMENT_SIZE, SEGMENT_SIZE));
        put(log, SEGMENT_SIZE + SegmentHeader.LENGTH, SledEncoder.message(CAP, 1, 0, new byte[0]));

        assertOpensEmptyWithinSeconds(log);
    }

    private static void fakeHeadersFrom(byte[] log, int from) {
        int end = from - from % SEGMENT_SIZE + SEGMENT_SIZE;
        for (int at = from; at + FAKE_HEADER.length <= end; at += FAKE_HEADER.length) {
            put(log, at, FAKE_HEADER);
        }
    }

    private static void put(byte[] log, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, log, at, bytes.length);
    }

    private void assertOpensEmptyWithinSeconds(byte[] log) throws IOException {
        Files.write(temp.resolve("conf"), SledEncoder.conf(SEGMENT_SIZE, false, "0.34"));
        Files.write(temp.resolve("db"), log);

        // Without range CRCs each try checksums up to 2 MiB: some 400 GB in all.
        SledDatabase opened = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> SledDatabase.open(temp));
        try (opened) {
            assertThat(opened.trees()).isEmpty();
        }
    }
}
