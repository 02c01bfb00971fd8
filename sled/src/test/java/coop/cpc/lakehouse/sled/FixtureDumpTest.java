package coop.cpc.lakehouse.sled;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dump of each database written by real sled 0.34.7 equals sled's own iteration, byte for byte. */
class FixtureDumpTest {

    @ParameterizedTest
    @ValueSource(strings = {"db1", "dbz", "db3-pristine"})
    void dumpsExactlyWhatSledIterates(String fixture) {
        byte[] dump = Dumps.dump(Fixtures.directory(fixture)).getBytes(StandardCharsets.US_ASCII);

        assertThat(dump).isEqualTo(Fixtures.expectedDump(fixture));
    }
}
