package coop.cpc.lakehouse.columnar.webm;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.av1.SearchPreset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which search each track gets: deflated text the exact-palette preset, unless asked for or laid out as bytes. */
class SearchPresetChoiceTest {

    @Test
    void tracksOfDeflatedTextOnlyTakeExactPalettes() {
        assertThat(WebmSegmentWriter.preset(Set.of(), "note", false, true)).isEqualTo(SearchPreset.EXACT_PALETTES);
        assertThat(WebmSegmentWriter.preset(Set.of(), "note", false, false)).isEqualTo(SearchPreset.FAST);
    }

    @Test
    void bytesLaidOutAsSamplesAndColumnsAskedForAreSearchedThoroughly() {
        assertThat(WebmSegmentWriter.preset(Set.of(), "note", true, false)).isEqualTo(SearchPreset.THOROUGH);
        assertThat(WebmSegmentWriter.preset(Set.of("note"), "note", false, true))
                .isEqualTo(SearchPreset.THOROUGH);
        assertThat(WebmSegmentWriter.preset(Set.of("other"), "note", false, true))
                .isEqualTo(SearchPreset.EXACT_PALETTES);
    }
}
