package coop.cpc.lakehouse.web.graphql;

import static coop.cpc.lakehouse.testing.ServerThreads.onOneMebibyteStack;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The GraphQL engine's messages reach clients in plain words: no Java class names, no parser dumps. */
class ErrorMessagesTest {

    @Test
    void aWrongTypeValidationErrorNamesTheArgumentAndTypeOnly() {
        assertThat(
                        ErrorMessages.plain(
                                "Validation error (WrongType@[asset/rows]) : argument 'first' with value "
                                        + "'IntValue{value=4294967297}' is not a valid 'Int' - Expected value to be in the Integer range, but it was a '4294967297'"))
                .isEqualTo(
                        "Invalid request at asset/rows: argument 'first' is not a valid Int - Expected value to be in the "
                                + "Integer range, but it was a '4294967297'");
    }

    @Test
    void parserNodeDumpsAndClassNamesAreRemoved() {
        String plain = ErrorMessages.plain(
                "Validation error (WrongType@[asset/rows]) : argument 'asOf' with value "
                        + "'ObjectValue{objectFields=[ObjectField{name='timestamp', value=StringValue{value='x'}}]}' is not a valid "
                        + "'AsOfInput' - Unable to parse StringValue{value='x'} as coop.cpc.lakehouse.web.graphql.dto.AsOfInput");
        assertThat(plain)
                .doesNotContain("coop.")
                .doesNotContain("Value{")
                .doesNotContain("ObjectField")
                .startsWith("Invalid request at asset/rows: ");
    }

    @Test
    void javaTypeAndExceptionNamesBecomePlainWords() {
        assertThat(ErrorMessages.plain(
                        "Variable 'first' has an invalid value: Expected a value that can be converted to "
                                + "type 'Int' but it was a 'BigDecimal'"))
                .isEqualTo(
                        "Variable 'first' has an invalid value: Expected a value that can be converted to type 'Int' "
                                + "but it was a number");
        assertThat(ErrorMessages.plain(
                        "SRGQL005030: java.time.format.DateTimeParseException: Text 'x' could not be parsed"))
                .isEqualTo("Text 'x' could not be parsed");
    }

    @Test
    void astNodeKindsBecomeValueKinds() {
        assertThat(
                        ErrorMessages.plain(
                                "Validation error (WrongType@[echo]) : argument 'first' with value 'StringValue{value='x'}' "
                                        + "is not a valid 'Int' - Expected an AST type of 'IntValue' but it was a 'StringValue'"))
                .isEqualTo(
                        "Invalid request at echo: argument 'first' is not a valid Int - Expected an int value but it was a string value");
    }

    @Test
    void theLakehousesOwnMessagesPassUnchanged() {
        String own = "first must be from 1 to 500, not 0";
        assertThat(ErrorMessages.plain(own)).isEqualTo(own);
        assertThat(ErrorMessages.plain("asset health.vitals has no snapshot 5"))
                .isEqualTo("asset health.vitals has no snapshot 5");
    }

    @Test
    void longEchoedValueIsCutNotOverflowed() throws InterruptedException {
        // What graphql-java says of an enum variable that names no value: the value echoed whole.
        String message = "Variable 'd' has an invalid value: Invalid input for enum 'LineageDirection'. No value found"
                + " for name '" + "a.".repeat(5000) + "'";

        String plain = onOneMebibyteStack(() -> ErrorMessages.plain(message));

        assertThat(plain)
                .startsWith("Variable 'd' has an invalid value: Invalid input for enum 'LineageDirection'. No value"
                        + " found for name 'a.a.")
                .endsWith("…");
        assertThat(plain.length()).isLessThanOrEqualTo(ErrorMessages.MAX_SCANNED_CHARS + 1);
    }
}
