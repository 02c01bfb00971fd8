package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** JobExecution.rejects(maxBytes): a valid bound shrinks to the response budget, an invalid one reaches the service's refusal. */
class RejectsBoundTest {
    private static final int SIXTEEN_MIB = 16 * 1024 * 1024;

    @Test
    void aValidBoundShrinksToWhatTheResponseMayStillCarry() {
        assertThat(IngestionJobApi.rejectsBound(1_048_576, SIXTEEN_MIB)).isEqualTo(1_048_576);
        assertThat(IngestionJobApi.rejectsBound(SIXTEEN_MIB, 5_000)).isEqualTo(5_000);
        assertThat(IngestionJobApi.rejectsBound(100, 0)).isEqualTo(1);
    }

    @Test
    void aBoundAboveSixteenMibIsPassedOnToBeRefusedEvenWhenTheBudgetIsSmaller() {
        assertThat(IngestionJobApi.rejectsBound(SIXTEEN_MIB + 1, SIXTEEN_MIB)).isEqualTo(SIXTEEN_MIB + 1);
        assertThat(IngestionJobApi.rejectsBound(Integer.MAX_VALUE, 1_000)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aBoundBelowOneIsPassedOnToBeRefused() {
        assertThat(IngestionJobApi.rejectsBound(0, SIXTEEN_MIB)).isZero();
        assertThat(IngestionJobApi.rejectsBound(-5, SIXTEEN_MIB)).isEqualTo(-5);
    }
}
