package coop.cpc.lakehouse.sled.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.sled.CorruptSledFileException;
import coop.cpc.lakehouse.sled.Fixtures;
import coop.cpc.lakehouse.sled.SledEncoder;
import coop.cpc.lakehouse.sled.UnsupportedSledVersionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SledConfTest {

    private static final Path CONF = Path.of("db", "conf");

    @Test
    void readsConfOfRealDatabases() throws IOException {
        assertThat(SledConf.parse(Files.readAllBytes(Fixtures.directory("db1").resolve("conf")), CONF))
                .isEqualTo(new SledConf(524_288, false, "0.34"));
        assertThat(SledConf.parse(Files.readAllBytes(Fixtures.directory("dbz").resolve("conf")), CONF))
                .isEqualTo(new SledConf(524_288, true, "0.34"));
    }

    @Test
    void rejectsConfWithBadCrc() {
        byte[] conf = SledEncoder.conf(524_288, false, "0.34");
        conf[conf.length - 1] ^= 1;

        assertThatThrownBy(() -> SledConf.parse(conf, CONF))
                .isInstanceOf(CorruptSledFileException.class)
                .hasMessage(CONF + " at offset " + (conf.length - 4) + ": conf CRC mismatch");
    }

    @Test
    void refusesOtherVersionsEvenWhenTheCrcIsWrong() {
        byte[] conf = SledEncoder.conf(524_288, false, "0.33");
        conf[conf.length - 1] ^= 1;

        assertThatThrownBy(() -> SledConf.parse(conf, CONF))
                .isInstanceOf(UnsupportedSledVersionException.class)
                .hasMessage(CONF + " says sled format version 0.33; only 0.34.x is supported");
    }

    @Test
    void rejectsSegmentSizeSledWouldNotUse() {
        assertThatThrownBy(() -> SledConf.parse(SledEncoder.conf(1000, false, "0.34"), CONF))
                .isInstanceOf(CorruptSledFileException.class)
                .hasMessage(CONF + " at offset 0: segment_size 1000 is not a power of two in 256..16 MiB");
    }
}
