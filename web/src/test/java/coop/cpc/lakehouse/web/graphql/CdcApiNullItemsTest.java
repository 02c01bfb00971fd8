package coop.cpc.lakehouse.web.graphql;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.web.graphql.dto.CdcStreamInput;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A null item in {@code createCdcStream}'s lists ({@code [String]} lets a caller send one) is invalid input naming
 * the list, refused before the service is asked, not an internal error with an incident id.
 */
class CdcApiNullItemsTest {

    private static CdcStreamInput input(List<String> tables, List<String> tags) {
        return new CdcStreamInput(
                "orders", "jdbc:postgresql://127.0.0.1:5432/shop", "reader", null, tables, "shop", null, tags);
    }

    @Test
    void aNullTagIsInvalidInputNamingTags() {
        CdcApi api = new CdcApi();

        assertThatThrownBy(() -> api.createCdcStream(input(List.of("public.orders"), Arrays.asList("sales", null))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("tags must not hold null");
    }

    @Test
    void aNullTableIsInvalidInputNamingTables() {
        CdcApi api = new CdcApi();

        assertThatThrownBy(() -> api.createCdcStream(input(Arrays.asList("public.orders", null), null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("tables must not hold null");
    }
}
