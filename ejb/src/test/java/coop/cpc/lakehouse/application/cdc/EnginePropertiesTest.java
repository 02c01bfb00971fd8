package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.ingest.postgres.SourceDatabaseUrl;
import io.debezium.config.Configuration;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnginePropertiesTest {
    private static final CdcStream STREAM = new CdcStream(
            UUID.fromString("00000000-0000-0000-0000-000000000007"),
            "orders",
            "jdbc:postgresql://localhost:5432/sales",
            "cdc",
            null,
            "sales",
            CdcStream.SnapshotMode.INITIAL,
            "lakehouse_cdc_orders",
            "lakehouse_cdc_orders_pub",
            true,
            false,
            List.of(),
            null,
            List.of(new CdcTable("public.orders", UUID.randomUUID(), List.of("id"))),
            Instant.EPOCH,
            0);

    private static Properties properties(boolean heartbeatTable) {
        return properties(heartbeatTable, 0);
    }

    private static Properties properties(boolean heartbeatTable, int copyChunkRows) {
        SourceEndpoint endpoint = new SourceEndpoint(
                SourceDatabaseUrl.parse("jdbc:postgresql://localhost:5432/sales"), "127.0.0.1", "cdc", "secret", false);
        return CdcEngineHost.engineProperties(STREAM, endpoint, heartbeatTable, 500, copyChunkRows);
    }

    private static Properties properties(String url, boolean allowCleartextPassword) {
        SourceEndpoint endpoint =
                new SourceEndpoint(SourceDatabaseUrl.parse(url), "127.0.0.1", "cdc", "secret", allowCleartextPassword);
        return CdcEngineHost.engineProperties(STREAM, endpoint, true, 500, 0);
    }

    @Test
    void engineConnectionsRefuseCleartextPasswords() {
        Properties p = properties("jdbc:postgresql://localhost:5432/sales?sslmode=prefer", false);
        assertThat(p.getProperty("driver.requireAuth")).isEqualTo("!password");
        // Debezium hands driver.* to pgjdbc in the JDBC configuration that its query connection and its
        // replication connection (PostgresReplicationConnection) are both opened with.
        assertThat(new PostgresConnectorConfig(Configuration.from(p))
                        .getJdbcConfig()
                        .asProperties()
                        .getProperty("requireAuth"))
                .isEqualTo("!password");

        assertThat(properties("jdbc:postgresql://localhost:5432/sales", true).getProperty("driver.requireAuth"))
                .as("allow_cleartext_password=true")
                .isNull();
        assertThat(properties("jdbc:postgresql://localhost:5432/sales?sslmode=verify-full", false)
                        .getProperty("driver.requireAuth"))
                .as("TLS with a verified certificate")
                .isNull();
        assertThat(properties("jdbc:postgresql://localhost:5432/sales?sslmode=require", false)
                        .getProperty("driver.requireAuth"))
                .as("TLS without a verified certificate")
                .isEqualTo("!password");
    }

    @Test
    void aStreamCopyingAddedTablesReadsThemReadOnlyInChunksAndIsToldWhenEachEnds() {
        Properties p = properties(true, 1_024);
        assertThat(p.getProperty("read.only")).isEqualTo("true");
        assertThat(p.getProperty("incremental.snapshot.chunk.size")).isEqualTo("1024");
        assertThat(p.getProperty("notification.enabled.channels")).isEqualTo("sink");
        assertThat(p.getProperty("notification.sink.topic.name")).isEqualTo("lakehouse_orders.notifications");
        assertThat(p.getProperty("signal.data.collection"))
                .as("no signal table on the source")
                .isNull();

        Properties streaming = properties(true, 0);
        assertThat(streaming.getProperty("read.only")).isNull();
        assertThat(streaming.getProperty("notification.enabled.channels")).isNull();
    }

    @Test
    void offsetsComeFromTheCatalogAndAreNeverFlushedByTheEngine() {
        Properties p = properties(true);
        assertThat(p.getProperty("offset.storage")).isEqualTo(CatalogOffsetStore.class.getName());
        assertThat(p.getProperty("offset.flush.interval.ms")).isEqualTo("0");
        assertThat(p.getProperty("name")).isEqualTo(STREAM.connectorName());
    }

    @Test
    void thePitfallSettingsAreSet() {
        Properties p = properties(true);
        assertThat(p.getProperty("provide.transaction.metadata")).isEqualTo("true");
        assertThat(p.getProperty("slot.drop.on.stop")).isEqualTo("false");
        assertThat(p.getProperty("skipped.operations")).isEqualTo("none");
        assertThat(p.getProperty("decimal.handling.mode"))
                .as("NaN and infinities arrive as text, not as null (precise cannot hold them)")
                .isEqualTo("string");
        assertThat(p.getProperty("datatype.propagate.source.type"))
                .as("numeric columns keep their precision and scale in the schema")
                .isEqualTo(".+\\._?NUMERIC,.+\\.BIT,.+\\.VARBIT");
        assertThat(p.getProperty("interval.handling.mode"))
                .as("an interval's fields, not microseconds with a month of 30.4375 days")
                .isEqualTo("string");
        assertThat(p.getProperty("publication.autocreate.mode")).isEqualTo("filtered");
        assertThat(p.getProperty("plugin.name")).isEqualTo("pgoutput");
        assertThat(p.getProperty("heartbeat.interval.ms")).isEqualTo("500");
        assertThat(p.getProperty("heartbeat.action.query"))
                .contains("lakehouse_cdc_heartbeat")
                .contains("'lakehouse_cdc_orders'");
    }

    @Test
    void thePublicationHoldsTheStreamsTablesAndItsHeartbeatTableOnly() {
        assertThat(properties(true).getProperty("table.include.list"))
                .isEqualTo("\\Qpublic.orders\\E,\\Qpublic.lakehouse_cdc_heartbeat\\E");
        assertThat(properties(false).getProperty("table.include.list")).isEqualTo("\\Qpublic.orders\\E");
        assertThat(properties(false).getProperty("heartbeat.action.query")).isNull();
        assertThat(properties(true).getProperty("snapshot.include.collection.list"))
                .isEqualTo("\\Qpublic.orders\\E");
    }

    @Test
    void slotNamesFitPostgresqlsLimitWithThePublicationSuffix() {
        assertThat(CdcStreamService.slotName("lakehouse_cdc", "orders")).isEqualTo("lakehouse_cdc_orders");
        assertThat(CdcStreamService.slotName("lakehouse_cdc", "x".repeat(63))).hasSize(59);
    }

    @Test
    void longNamesThatDifferOnlyAfterTheCutGetDifferentSlots() {
        String a = CdcStreamService.slotName("lakehouse_cdc", "plant_readings_eu_west_primary_cluster_archive_2024");
        String b = CdcStreamService.slotName("lakehouse_cdc", "plant_readings_eu_west_primary_cluster_archive_2025");

        assertThat(a).isNotEqualTo(b).hasSize(59).matches("[a-z0-9_]+");
        assertThat(a).startsWith("lakehouse_cdc_plant_readings_eu_west_primary_clust_");
        assertThat(CdcStreamService.slotName("lakehouse_cdc", "plant_readings_eu_west_primary_cluster_archive_2024"))
                .as("the same name, the same slot")
                .isEqualTo(a);
        assertThat(CdcStreamService.slotName("lakehouse_cdc", "x".repeat(45)))
                .as("a name that fits is not cut")
                .isEqualTo("lakehouse_cdc_" + "x".repeat(45));
    }

    @Test
    void sourceTypesMapToLakehouseTypes() {
        assertThat(SourceTables.type("numeric(12,2)").name()).isEqualTo("decimal(12,2)");
        assertThat(SourceTables.type("numeric").name()).isEqualTo("string");
        assertThat(SourceTables.type("numeric(50,2)").name()).isEqualTo("string");
        assertThat(SourceTables.type("timestamp(3) with time zone").name()).isEqualTo("timestamp_us");
        assertThat(SourceTables.type("character varying(20)").name()).isEqualTo("string");
        assertThat(SourceTables.type("bigint").name()).isEqualTo("int64");
        assertThat(SourceTables.type("bytea").name()).isEqualTo("bytes");
    }

    @Test
    void numericsTheColumnarDecimalCannotHoldBecomeText() {
        assertThat(SourceTables.type("numeric(18,4)").name()).isEqualTo("decimal(18,4)");
        assertThat(SourceTables.type("numeric(19,0)").name()).isEqualTo("string");
        assertThat(SourceTables.type("numeric(20,2)").name()).isEqualTo("string");
        assertThat(SourceTables.type("numeric(38,10)").name()).isEqualTo("string");
        assertThat(SourceTables.type("numeric(2,5)").name()).isEqualTo("string");
        assertThat(SourceTables.type("numeric(3,-2)").name()).isEqualTo("string");
    }
}
