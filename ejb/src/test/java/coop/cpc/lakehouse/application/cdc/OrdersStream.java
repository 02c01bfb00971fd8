package coop.cpc.lakehouse.application.cdc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The running stream "orders" of the applier tests: no initial snapshot, source 127.0.0.1, namespace sales. */
final class OrdersStream {
    private OrdersStream() {}

    static CdcStream capturing(List<CdcTable> tables) {
        return new CdcStream(
                UUID.randomUUID(),
                "orders",
                "jdbc:postgresql://127.0.0.1:5432/shop",
                "cdc",
                "shop_password",
                "sales",
                CdcStream.SnapshotMode.NO_DATA,
                "lakehouse_cdc_orders",
                "lakehouse_cdc_orders_pub",
                true,
                true,
                List.of(),
                null,
                tables,
                Instant.EPOCH,
                0);
    }
}
