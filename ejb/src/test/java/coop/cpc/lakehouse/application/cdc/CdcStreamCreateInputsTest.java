package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stream's inputs are refused, naming the argument the caller gave, before any source or catalog is reached: the
 * finance job's one table is its {@code table}, and a {@code user} the catalog cannot store is refused, not failed.
 */
class CdcStreamCreateInputsTest {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/ledger";

    /** A service with nothing behind it: every refusal below comes before the catalog or a source is asked. */
    private final CdcStreamService service = new CdcStreamService();

    @Test
    void aFinanceJobsBadTableIsRefusedNamingTable() {
        assertThatThrownBy(() -> service.createFinanceIngestionJob("ledger", URL, "reader", null, "public.bad-name"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("table: ");
        assertThatThrownBy(() -> service.createFinanceIngestionJob("ledger", URL, "reader", null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("table: ");
    }

    @Test
    void aStreamsBadTableIsRefusedNamingTables() {
        assertThatThrownBy(() -> service.create(new NewCdcStream(
                        "ledger", URL, "reader", null, List.of("public.bad-name"), "finance", null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("tables: ");
    }

    @Test
    void aUserWithANulCharacterIsRefusedNamingUser() {
        assertThatThrownBy(() ->
                        service.createFinanceIngestionJob("ledger", URL, "reader\u0000x", null, "public.transactions"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("user must not contain NUL characters (U+0000, at index 6)");
    }

    @Test
    void aUserWithALoneSurrogateIsRefusedNamingUser() {
        assertThatThrownBy(() -> service.create(new NewCdcStream(
                        "ledger", URL, "reader\ud800", null, List.of("public.transactions"), "finance", null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("user is not valid Unicode: a lone surrogate U+D800 at index 6");
    }

    @Test
    void aUserOverSixtyThreeBytesInUtf8IsRefusedNamingUserThoughItHasFewerCharacters() {
        String user = "é".repeat(32); // 32 characters, 64 bytes in UTF-8
        assertThatThrownBy(() -> service.create(
                        new NewCdcStream("ledger", URL, user, null, List.of("public.t"), "finance", null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("user: a PostgreSQL role name has at most 63 bytes in UTF-8; this one has 64");
        assertThatThrownBy(() -> service.createFinanceIngestionJob("ledger", URL, "r".repeat(64), null, "public.t"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("user: a PostgreSQL role name has at most 63 bytes in UTF-8; this one has 64");
    }
}
