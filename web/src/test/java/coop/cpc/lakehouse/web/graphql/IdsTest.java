package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    @Test
    void parsesExecutionIds() throws InvalidInputException {
        assertThat(Ids.parseExecution("executionId", "1")).isEqualTo(1L);
        assertThat(Ids.parseExecution("executionId", "42")).isEqualTo(42L);
        assertThat(Ids.parseExecution("executionId", "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "0",
                "-1",
                "+1",
                " 1",
                "1.0",
                "1e3",
                "abc",
                "9223372036854775808",
                "7d1f6c2e-1b7a-4f57-9a4e-3c1de0f6a8b1"
            })
    void refusesWhatIsNotAPositiveLong(String id) {
        assertThatThrownBy(() -> Ids.parseExecution("executionId", id))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("executionId '" + id
                        + "' is not an execution id (a whole number from 1 to 9223372036854775807)");
    }

    @Test
    void abbreviatesALongBadExecutionId() {
        assertThatThrownBy(() -> Ids.parseExecution("executionId", "9".repeat(100)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("executionId '" + "9".repeat(67)
                        + "...' is not an execution id (a whole number from 1 to 9223372036854775807)");
    }

    @Test
    void optionalIdMayBeLeftOut() throws InvalidInputException {
        assertThat(Ids.parseOptional("targetAssetId", null)).isNull();
    }
}
