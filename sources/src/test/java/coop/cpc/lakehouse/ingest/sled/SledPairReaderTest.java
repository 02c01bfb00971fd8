package coop.cpc.lakehouse.ingest.sled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.ingest.RejectedRecord;
import coop.cpc.lakehouse.ingest.RowSink;
import coop.cpc.lakehouse.sled.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SledPairReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"db1", "db3-pristine"})
    void resumingFromACheckpointAtAnyCutGivesEveryPairExactlyOnce(String fixture) throws Exception {
        List<String> all = readAll(fixture, SledCheckpoint.START, Integer.MAX_VALUE).entries;
        // Cuts at the start, the end, around every tree boundary, and at seeded random places.
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, 1, all.size() - 1, all.size()));
        for (int i = 1; i < all.size(); i++) {
            if (!tree(all.get(i)).equals(tree(all.get(i - 1)))) {
                cuts.addAll(List.of(i - 1, i, i + 1));
            }
        }
        Random random = new Random(34_7L);
        for (int i = 0; i < 12; i++) {
            cuts.add(random.nextInt(all.size() + 1));
        }
        for (int cut : cuts) {
            Read first = readAll(fixture, SledCheckpoint.START, cut);
            Read rest = readAll(fixture, first.checkpoint, Integer.MAX_VALUE);
            List<String> stitched = new ArrayList<>(first.entries);
            stitched.addAll(rest.entries);
            assertThat(stitched)
                    .as("cut after %d pairs at %s", cut, first.checkpoint)
                    .containsExactlyElementsOf(all);
        }
    }

    @Test
    void resumingRepeatedlyInPiecesOfRandomSizeGivesEveryPairExactlyOnce() throws Exception {
        List<String> all = readAll("db1", SledCheckpoint.START, Integer.MAX_VALUE).entries;
        Random random = new Random(7);
        List<String> stitched = new ArrayList<>();
        SledCheckpoint at = SledCheckpoint.START;
        Read piece;
        do {
            piece = readAll("db1", serialized(at), random.nextInt(900));
            stitched.addAll(piece.entries);
            at = piece.checkpoint;
        } while (!piece.ended);
        assertThat(stitched).containsExactlyElementsOf(all);
    }

    @Test
    void aCheckpointAtTheLastPairOfATreeResumesWithTheNextTree() throws Exception {
        // db3-pristine: the default tree is empty; read crashy first, then it, then nothing more.
        List<String> order = List.of("crashy", "__sled__default");
        try (SledDatabaseSource source =
                SledDatabaseSource.open(Fixtures.directory("db3-pristine"), order, SledValueFormat.BYTES, null)) {
            SledCheckpoint end = source.read(SledCheckpoint.START, new Discard());
            assertThat(end).isEqualTo(new SledCheckpoint("crashy", "6b3035343631"));
            try (SledPairReader reader = source.open(end)) {
                assertThat(reader.readNext(new Discard())).isFalse();
                assertThat(reader.checkpoint()).isEqualTo(end);
                assertThat(reader.currentTree()).isNull();
            }
        }
        try (SledDatabaseSource source =
                        SledDatabaseSource.open(Fixtures.directory("db1"), List.of(), SledValueFormat.BYTES, null);
                SledPairReader reader = source.open(new SledCheckpoint("__sled__default", "64656661756c742d6b6579"))) {
            Discard sink = new Discard();
            assertThat(reader.readNext(sink)).isTrue();
            assertThat(reader.currentTree()).isEqualTo("events");
            assertThat(reader.checkpoint()).isEqualTo(new SledCheckpoint("events", "0000000000000001"));
        }
    }

    @Test
    void refusesACheckpointOfATreeItDoesNotRead() {
        try (SledDatabaseSource source =
                SledDatabaseSource.open(Fixtures.directory("db1"), List.of("users"), SledValueFormat.BYTES, null)) {
            assertThatThrownBy(() -> source.open(new SledCheckpoint("events", "00")))
                    .isInstanceOf(UnknownSledTreeException.class)
                    .hasMessage("the checkpoint names tree events, which is not among the trees read: [users]");
        }
    }

    @Test
    void aCheckpointIsTreeAndKeyInLowerCaseHex() {
        assertThat(SledCheckpoint.after("t", new byte[] {0, (byte) 0xAB}).lastKeyHex())
                .isEqualTo("00ab");
        assertThat(new SledCheckpoint("t", "").lastKey()).isEmpty();
        assertThat(SledCheckpoint.START.isStart()).isTrue();
        assertThatThrownBy(() -> new SledCheckpoint("t", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SledCheckpoint("t", "0G")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SledCheckpoint("t", "ABC")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedReaderRefusesToRead() {
        try (SledDatabaseSource source =
                SledDatabaseSource.open(Fixtures.directory("db1"), List.of(), SledValueFormat.BYTES, null)) {
            SledPairReader reader = source.open(SledCheckpoint.START);
            reader.close();
            assertThatThrownBy(() -> reader.readNext(new Discard()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("sled reader of db1 is closed");
        }
    }

    /** Reads up to {@code max} pairs with a fresh source, as a restarted job would. */
    private static Read readAll(String fixture, SledCheckpoint from, int max) throws Exception {
        Read read = new Read();
        try (SledDatabaseSource source =
                        SledDatabaseSource.open(Fixtures.directory(fixture), List.of(), SledValueFormat.BYTES, null);
                SledPairReader reader = source.open(from)) {
            Recorder sink = new Recorder();
            while (read.entries.size() < max) {
                if (!reader.readNext(sink)) {
                    read.ended = true;
                    break;
                }
                read.entries.add(reader.currentTree() + "\t" + sink.last);
            }
            read.checkpoint = reader.checkpoint();
        }
        return read;
    }

    private static String tree(String entry) {
        return entry.substring(0, entry.indexOf('\t'));
    }

    private static SledCheckpoint serialized(SledCheckpoint checkpoint) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(checkpoint);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SledCheckpoint) in.readObject();
        }
    }

    private static final class Read {
        final List<String> entries = new ArrayList<>();
        SledCheckpoint checkpoint;
        boolean ended;
    }

    /** Keeps the last pair as {@code key hex \t value CRC-32}, not the values themselves. */
    private static final class Recorder implements RowSink {
        String last;

        @Override
        public void row(Object[] values) {
            CRC32 crc = new CRC32();
            crc.update((byte[]) values[1]);
            last = HexFormat.of().formatHex((byte[]) values[0]) + "\t" + Long.toHexString(crc.getValue());
        }

        @Override
        public void reject(RejectedRecord record) {
            last = record.toString();
        }
    }

    private static final class Discard implements RowSink {
        @Override
        public void row(Object[] values) {}

        @Override
        public void reject(RejectedRecord record) {}
    }
}
