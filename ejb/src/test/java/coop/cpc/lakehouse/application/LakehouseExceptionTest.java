package coop.cpc.lakehouse.application;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.asset.UnknownAssetException;
import coop.cpc.lakehouse.application.job.UnknownIngestionJobException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LakehouseExceptionTest {

    @Test
    void errorCodesAreTheKebabCaseClassNameWithoutException() {
        assertThat(new InvalidInputException("x").code()).isEqualTo("invalid-input");
        assertThat(new UnknownAssetException("x").code()).isEqualTo("unknown-asset");
        assertThat(new AssetAlreadyExistsException("a", "b").code()).isEqualTo("asset-already-exists");
        assertThat(new UnknownIngestionJobException(UUID.randomUUID()).code()).isEqualTo("unknown-ingestion-job");
    }
}
