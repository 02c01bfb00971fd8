package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CdcStreamStateTest {

    @Test
    void aStreamGoesThroughItsLifecycleInOrder() {
        CdcStreamState state = CdcStreamState.STOPPED
                .moveTo(CdcStreamState.STARTING)
                .moveTo(CdcStreamState.RUNNING)
                .moveTo(CdcStreamState.FAILED)
                .moveTo(CdcStreamState.STARTING)
                .moveTo(CdcStreamState.RUNNING)
                .moveTo(CdcStreamState.STOPPING)
                .moveTo(CdcStreamState.STOPPED);
        assertThat(state).isEqualTo(CdcStreamState.STOPPED);
    }

    @Test
    void movesThatSkipAStepAreRefused() {
        assertThatThrownBy(() -> CdcStreamState.STOPPED.moveTo(CdcStreamState.RUNNING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from STOPPED to RUNNING");
        assertThat(CdcStreamState.RUNNING.canMoveTo(CdcStreamState.STARTING)).isFalse();
        assertThat(CdcStreamState.STOPPING.canMoveTo(CdcStreamState.RUNNING)).isFalse();
        assertThat(CdcStreamState.FAILED.canMoveTo(CdcStreamState.STOPPING)).isTrue();
    }
}
