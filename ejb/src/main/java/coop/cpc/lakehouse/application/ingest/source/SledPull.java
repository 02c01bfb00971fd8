package coop.cpc.lakehouse.application.ingest.source;

import coop.cpc.lakehouse.application.asset.AssetService;
import coop.cpc.lakehouse.application.job.source.SledSource;
import coop.cpc.lakehouse.catalog.asset.AssetRepository;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.io.Serializable;

/** WIP: replaced once the batch module's sled reader lands. */
final class SledPull {
    private SledPull() {
    }

    static PullSource open(SledSource source, LakehouseSettings settings, AssetRepository assets, AssetService assetService,
            Serializable checkpoint) {
        throw new UnsupportedOperationException("sled ingestion is not wired yet");
    }
}
