package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogOffsetStoreTest {

    private static ByteBuffer key(String json) {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theConnectorNameIsTheFirstElementOfKafkaConnectsKey() {
        assertThat(CatalogOffsetStore.connectorName(key("[\"2f1c\",{\"server\":\"lakehouse_orders\"}]"))).isEqualTo("2f1c");
    }

    @Test
    void keysOfAnotherShapeNameNoConnector() {
        assertThat(CatalogOffsetStore.connectorName(key("{\"server\":\"x\"}"))).isNull();
        assertThat(CatalogOffsetStore.connectorName(key("not json"))).isNull();
        assertThat(CatalogOffsetStore.connectorName(key("[1,{}]"))).isNull();
    }

    @Test
    void setStoresNothingAndCompletesAtOnce() throws Exception {
        boolean[] called = new boolean[1];
        var store = new CatalogOffsetStore(null);
        store.set(Map.of(key("[\"a\",{}]"), key("{\"lsn\":1}")), (error, result) -> called[0] = error == null).get();
        assertThat(called[0]).isTrue();
        // Nothing was stored: a key that names no connector reads nothing, and set() touched no datasource.
        assertThat(store.get(List.of(key("x"))).get()).isEmpty();
    }
}
