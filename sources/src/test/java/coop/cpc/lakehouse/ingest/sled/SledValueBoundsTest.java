package coop.cpc.lakehouse.ingest.sled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.ingest.record.RecordRejectedException;
import org.junit.jupiter.api.Test;

class SledValueBoundsTest {

    private static final byte[] KEY = {1};

    @Test
    void aValueOverTheLimitIsARejectedRecordInEveryFormat() throws Exception {
        byte[] huge = new byte[SledValueDecoder.MAX_VALUE_BYTES + 1];
        for (SledValueFormat format : new SledValueFormat[] {SledValueFormat.BYTES, SledValueFormat.UTF8}) {
            assertThatThrownBy(() -> new SledValueDecoder(format, null).row("t", KEY, huge))
                    .isInstanceOf(RecordRejectedException.class)
                    .hasMessage("value of 16777217 bytes is longer than the limit of 16777216 bytes");
        }
        byte[] atLimit = new byte[SledValueDecoder.MAX_VALUE_BYTES];
        assertThat(new SledValueDecoder(SledValueFormat.BYTES, null).row("t", KEY, atLimit)[1])
                .isSameAs(atLimit);
    }
}
