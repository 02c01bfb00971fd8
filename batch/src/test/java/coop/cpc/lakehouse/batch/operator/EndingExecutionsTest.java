package coop.cpc.lakehouse.batch.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EndingExecutionsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T07:00:00Z");
    private final EndingExecutions ending = new EndingExecutions();

    @Test
    void anEndIsHiddenFromTheStartOfTheRunUntilItIsWritten() {
        ending.started(7);
        assertThat(ending.hidesEnd(7, NOW)).isTrue();

        ending.endWritten(7);
        assertThat(ending.hidesEnd(7, NOW)).isFalse();
    }

    @Test
    void theEndOfAnExecutionThatNeverStartedItsBookkeepingIsNotHidden() {
        assertThat(ending.hidesEnd(7, NOW)).isFalse();
    }

    @Test
    void anEndNeverWrittenIsHiddenNoLongerThanTheLongestEndBookkeeping() {
        ending.started(7);
        assertThat(ending.hidesEnd(7, NOW)).isTrue();
        assertThat(ending.hidesEnd(7, NOW.plus(EndingExecutions.LONGEST_END_BOOKKEEPING)))
                .isTrue();

        assertThat(ending.hidesEnd(
                        7, NOW.plus(EndingExecutions.LONGEST_END_BOOKKEEPING).plusSeconds(1)))
                .isFalse();
        assertThat(ending.hidesEnd(7, NOW)).isFalse();
    }
}
