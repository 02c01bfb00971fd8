package coop.cpc.lakehouse.ingest.sled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.RejectedRecord;
import coop.cpc.lakehouse.ingest.record.CollectingSink;
import coop.cpc.lakehouse.sled.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SledDatabaseSourceTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Schema JSON_COLUMNS =
            Schema.of(new Column("name", ColumnType.of(ColumnType.Kind.STRING), true));

    @ParameterizedTest
    @ValueSource(strings = {"db1", "db3-pristine"})
    void bytesRowsEqualSledsOwnIteration(String fixture) throws Exception {
        List<String> dump = new ArrayList<>();
        try (SledDatabaseSource source =
                        SledDatabaseSource.open(Fixtures.directory(fixture), List.of(), SledValueFormat.BYTES, null);
                SledPairReader reader = source.open(SledCheckpoint.START)) {
            CollectingSink sink = new CollectingSink();
            while (reader.readNext(sink)) {
                Object[] row = sink.rows.remove(0);
                dump.add(dumpLine(reader.currentTree(), (byte[]) row[0], (byte[]) row[1]));
            }
            assertThat(sink.rejects).isEmpty();
            assertThat(reader.rows()).isEqualTo(dump.size());
        }
        assertThat(dump).containsExactlyElementsOf(Fixtures.expectedLines(fixture));
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path temp;

    @Test
    void refusesADatabaseWhoseFilesLinkOutsideItsFolder() throws Exception {
        java.nio.file.Path fixture = Fixtures.directory("db1");
        java.nio.file.Path inbox = java.nio.file.Files.createDirectories(temp.resolve("inbox/db1"));
        for (String file : new String[] {"conf", "db", "blobs"}) {
            java.nio.file.Files.createSymbolicLink(inbox.resolve(file), fixture.resolve(file));
        }

        assertThatThrownBy(() -> SledDatabaseSource.open(inbox, List.of(), SledValueFormat.BYTES, null))
                .isInstanceOf(coop.cpc.lakehouse.sled.SledIoException.class)
                .hasMessageContaining("is a symbolic link; refused");
    }

    @Test
    void readsEveryTreeInNameOrderWhenNoneAreNamed() {
        try (SledDatabaseSource all =
                SledDatabaseSource.open(Fixtures.directory("db1"), List.of(), SledValueFormat.BYTES, null)) {
            assertThat(all.trees()).containsExactly("__sled__default", "events", "users");
        }
    }

    @Test
    void givesEachTreeTheAssetSchemaOfTheValueFormat() {
        try (SledDatabaseSource bytes = open("db1", SledValueFormat.BYTES, null);
                SledDatabaseSource utf8 = open("db1", SledValueFormat.UTF8, null);
                SledDatabaseSource json = open("db1", SledValueFormat.JSON, JSON_COLUMNS)) {
            assertThat(describe(bytes.assetSchema("events"))).containsExactly("key:bytes", "value:bytes");
            assertThat(describe(utf8.assetSchema("users"))).containsExactly("key:bytes", "value:string");
            assertThat(describe(json.assetSchema("__sled__default"))).containsExactly("key:bytes", "name:string?");
            assertThatThrownBy(() -> bytes.assetSchema("nope")).isInstanceOf(UnknownSledTreeException.class);
        }
    }

    @Test
    void refusesAnUnknownTreeNamingItAndTheTreesThereAre() {
        assertThatThrownBy(() -> SledDatabaseSource.open(
                        Fixtures.directory("db1"), List.of("events", "orders"), SledValueFormat.BYTES, null))
                .isInstanceOf(UnknownSledTreeException.class)
                .hasMessage("sled database " + Fixtures.directory("db1") + " has no tree orders; its trees are "
                        + "[__sled__default, events, users]");
    }

    @Test
    void refusesValueColumnsThatDoNotFitTheFormat() {
        assertThatThrownBy(() -> open("db1", SledValueFormat.JSON, null))
                .hasMessage("sled value format JSON needs the value columns");
        assertThatThrownBy(() -> open("db1", SledValueFormat.UTF8, JSON_COLUMNS))
                .hasMessage("sled value format UTF8 takes no value columns");
    }

    @Test
    void readsTheChosenTreesInTheGivenOrder() throws Exception {
        List<String> trees = new ArrayList<>();
        try (SledDatabaseSource source = SledDatabaseSource.open(
                        Fixtures.directory("db1"), List.of("users", "__sled__default"), SledValueFormat.BYTES, null);
                SledPairReader reader = source.open(SledCheckpoint.START)) {
            CollectingSink sink = new CollectingSink();
            while (reader.readNext(sink)) {
                if (trees.isEmpty() || !trees.get(trees.size() - 1).equals(reader.currentTree())) {
                    trees.add(reader.currentTree());
                }
            }
            assertThat(sink.rows).hasSize(3002 + 1);
        }
        assertThat(trees).containsExactly("users", "__sled__default");
    }

    @Test
    void decodesUtf8ValuesAndRejectsInvalidOnesWithTreeKeyAndOffset() throws Exception {
        CollectingSink sink = new CollectingSink();
        try (SledDatabaseSource source = SledDatabaseSource.open(
                Fixtures.directory("db1"), List.of("__sled__default", "events"), SledValueFormat.UTF8, null)) {
            source.read(SledCheckpoint.START, sink);
        }
        // The fixture's values are random bytes; the default tree holds the one text value.
        assertThat(sink.rows.get(0))
                .containsExactly("default-key".getBytes(StandardCharsets.US_ASCII), "default-value");
        assertThat(sink.rows.size() + sink.rejects.size()).isEqualTo(1 + 1601);
        assertThat(sink.rejects.get(0))
                .isEqualTo(new RejectedRecord(
                        "sled:db1/events",
                        "key 0000000000000001",
                        "tree events, key 0000000000000001: value is not valid UTF-8 at byte offset 1"));
        assertThat(sink.rejects).allSatisfy(reject -> {
            String key = reject.position().substring("key ".length());
            assertThat(reject.reason())
                    .startsWith("tree events, key " + key + ": value is not valid UTF-8 at byte offset ");
        });
        for (Object[] row : sink.rows) {
            assertThat(row[1]).isInstanceOf(String.class);
        }
    }

    @Test
    void rejectsValuesThatAreNotJsonPrefixedWithTreeAndKey() throws Exception {
        CollectingSink sink = new CollectingSink();
        try (SledDatabaseSource source = SledDatabaseSource.open(
                Fixtures.directory("db1"), List.of("__sled__default"), SledValueFormat.JSON, JSON_COLUMNS)) {
            source.read(SledCheckpoint.START, sink);
        }
        assertThat(sink.rows).isEmpty();
        assertThat(sink.rejects).singleElement().satisfies(reject -> {
            assertThat(reject.source()).isEqualTo("sled:db1/__sled__default");
            assertThat(reject.position()).isEqualTo("key 64656661756c742d6b6579");
            assertThat(reject.reason())
                    .startsWith("tree __sled__default, key 64656661756c742d6b6579: value is not JSON: ");
        });
    }

    @Test
    void namesTheAssetOfEveryTreeAndTheSourceOfItsRows() {
        try (SledDatabaseSource source = open("db1", SledValueFormat.BYTES, null)) {
            assertThat(source.assetNames("app"))
                    .containsExactly(
                            Map.entry("__sled__default", "app_default"),
                            Map.entry("events", "app_events"),
                            Map.entry("users", "app_users"));
            assertThat(source.sourceName("users")).isEqualTo("sled:db1/users");
        }
    }

    private static SledDatabaseSource open(String fixture, SledValueFormat format, Schema valueColumns) {
        return SledDatabaseSource.open(Fixtures.directory(fixture), List.of(), format, valueColumns);
    }

    private static List<String> describe(Schema schema) {
        return schema.columns().stream()
                .map(c -> c.name() + ":" + c.type() + (c.nullable() ? "?" : ""))
                .toList();
    }

    private static String dumpLine(String tree, byte[] key, byte[] value) {
        CRC32 crc = new CRC32();
        crc.update(value);
        return HEX.formatHex(tree.getBytes(StandardCharsets.UTF_8)) + "\t" + HEX.formatHex(key) + "\t" + value.length
                + "\t" + String.format("%08x", crc.getValue());
    }
}
