package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.catalog.cdc.CdcStreamRepository;
import coop.cpc.lakehouse.catalog.cdc.DuplicateCdcStreamException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CdcCatalogInsertTest {

    /** A catalog whose repository refuses every insert as the unique constraint of {@code taken} does. */
    private static CdcCatalog catalogRefusing(DuplicateCdcStreamException.Taken taken) {
        CdcCatalog catalog = new CdcCatalog();
        catalog.streams = (CdcStreamRepository) Proxy.newProxyInstance(
                CdcStreamRepository.class.getClassLoader(), new Class<?>[] {CdcStreamRepository.class}, (p, m, a) -> {
                    if (m.getName().equals("insert")) {
                        throw new DuplicateCdcStreamException(
                                taken, "lakehouse_cdc_orders", new SQLException("duplicate key", "23505"));
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        return catalog;
    }

    @Test
    void aNameOrSlotTakenMeanwhileIsACheckedRefusalNotAnInternalError() {
        CdcStream stream = OrdersStream.capturing(List.of());

        assertThatThrownBy(() ->
                        catalogRefusing(DuplicateCdcStreamException.Taken.SLOT).insert(stream, "alice"))
                .isInstanceOfSatisfying(
                        CdcStreamTakenException.class,
                        e -> assertThat(e.taken()).isEqualTo(DuplicateCdcStreamException.Taken.SLOT));
        assertThatThrownBy(() ->
                        catalogRefusing(DuplicateCdcStreamException.Taken.NAME).insert(stream, "alice"))
                .isInstanceOfSatisfying(
                        CdcStreamTakenException.class,
                        e -> assertThat(e.taken()).isEqualTo(DuplicateCdcStreamException.Taken.NAME));
    }
}
