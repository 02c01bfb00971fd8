package coop.cpc.lakehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LakehouseKeyTest {

    @Test
    void everyKeyHasADescription() {
        assertThat(LakehouseKey.values())
                .allSatisfy(key ->
                        assertThat(key.description()).as(key.key()).isNotBlank().hasSizeGreaterThan(20));
    }

    @Test
    void everyDefaultIsValidForItsType() {
        assertThat(LakehouseKey.values())
                .allSatisfy(key -> key.defaultValue()
                        .ifPresent(value -> assertThat(key.type().problemWith(value))
                                .as(key.key())
                                .isNull()));
    }

    @Test
    void declaresTheSeedsKeys() {
        assertThat(Arrays.stream(LakehouseKey.values()).map(LakehouseKey::key))
                .contains(
                        "postgresql_connection",
                        "webm_storage_path",
                        "audit_log_retention_days",
                        "cdc_replication_slot");
    }

    @Test
    void propertyNamesSitUnderTheSeedsSection() {
        assertThat(LakehouseKey.CDC_REPLICATION_SLOT.propertyName()).isEqualTo("data_lakehouse.cdc_replication_slot");
        assertThat(LakehouseSettings.environmentName(LakehouseKey.CDC_REPLICATION_SLOT.propertyName()))
                .isEqualTo("DATA_LAKEHOUSE_CDC_REPLICATION_SLOT");
    }
}
