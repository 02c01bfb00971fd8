package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerHeapTest {

    @Test
    void theHeapIsCommittedWholeWithHalfOfItTheYoungGeneration() {
        assertThat(new ServerHeap(1024).flags()).containsExactly("-Xms1024m", "-Xmx1024m", "-Xmn512m");
        assertThat(new ServerHeap(65_536).flags()).containsExactly("-Xms65536m", "-Xmx65536m", "-Xmn32768m");
        assertThat(ServerHeap.DEFAULT.flags()).containsExactly("-Xms2048m", "-Xmx2048m", "-Xmn1024m");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1023, 65_537})
    void aHeapOutsideTheSettingsBoundsIsRefusedNamingTheSetting(int mebibytes) {
        assertThatThrownBy(() -> new ServerHeap(mebibytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("server_heap_mb must be from 1024 to 65536 (MiB), not " + mebibytes);
    }

    @Test
    void onlyTheHeapsSizeFlagsAreHeapFlags() {
        assertThat(ServerHeap.isHeapFlag(" -Xmx2g")).isTrue();
        assertThat(ServerHeap.isHeapFlag("-Xmn1g")).isTrue();
        assertThat(ServerHeap.isHeapFlag("-XX:MaxMetaspaceSize=1g")).isFalse();
        assertThat(ServerHeap.isHeapFlag("-Xss1m")).isFalse();
    }
}
