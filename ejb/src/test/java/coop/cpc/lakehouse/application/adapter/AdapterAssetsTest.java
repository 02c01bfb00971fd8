package coop.cpc.lakehouse.application.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.Names;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.catalog.asset.Classification;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdapterAssetsTest {

    @Test
    void theAdaptersAssetsHaveValidNamesAndTagsAndTheirClassifications() throws Exception {
        for (NewAsset asset :
                List.of(AdapterAssets.vitalSigns(), AdapterAssets.patients(), AdapterAssets.interactions())) {
            Names.require("namespace", asset.namespace());
            Names.require("name", asset.name());
            for (String tag : asset.tags()) {
                Names.require("tag", tag);
            }
        }
        assertThat(AdapterAssets.vitalSigns().classification()).isEqualTo(Classification.PHI);
        assertThat(AdapterAssets.vitalSigns().tags()).containsExactly("health", "vital_sign", "time_series");
        assertThat(AdapterAssets.patients().classification()).isEqualTo(Classification.PHI);
        assertThat(AdapterAssets.interactions().classification()).isEqualTo(Classification.CONFIDENTIAL);
        assertThat(AdapterAssets.vitalSigns().columns())
                .extracting(ColumnSpec::name, ColumnSpec::pii)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("user_id", PiiCategory.DIRECT_IDENTIFIER),
                        org.assertj.core.groups.Tuple.tuple("notes", PiiCategory.SENSITIVE));
    }

    @Test
    void doublesTravelInPlainDecimalNotation() {
        assertThat(HealthAdapterService.decimal(1.0E10)).isEqualTo("10000000000");
        assertThat(HealthAdapterService.decimal(72.5)).isEqualTo("72.5");
        assertThat(HealthAdapterService.decimal(null)).isNull();
    }
}
