package coop.cpc.lakehouse.application.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class SegmentTaskFailuresTest {

    @Test
    void anIOExceptionTheTaskWrappedIsUnwrapped() {
        IOException wrapped = new IOException("disk full");

        assertThat(SegmentTaskFailures.toIOException(new UncheckedIOException(wrapped)))
                .isSameAs(wrapped);
    }

    @Test
    void aRuntimeExceptionIsThrownAsItIs() {
        IllegalStateException failure = new IllegalStateException("corrupt block");

        assertThatThrownBy(() -> SegmentTaskFailures.toIOException(failure)).isSameAs(failure);
    }

    @Test
    void anErrorIsThrownAsItIs() {
        OutOfMemoryError failure = new OutOfMemoryError("row group");

        assertThatThrownBy(() -> SegmentTaskFailures.toIOException(failure)).isSameAs(failure);
    }

    @Test
    void aCheckedExceptionOtherThanIOExceptionIsWrapped() {
        Exception failure = new Exception("other");

        assertThat(SegmentTaskFailures.toIOException(failure)).hasCause(failure);
    }
}
