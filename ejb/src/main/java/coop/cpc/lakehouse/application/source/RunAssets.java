package coop.cpc.lakehouse.application.source;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetAlreadyExistsException;
import coop.cpc.lakehouse.application.asset.NewAsset;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.columnar.Schema;
import java.util.Optional;
import java.util.UUID;

/** The assets a run writes to, as source kinds see them. */
public interface RunAssets {

    /** The job's target asset; fails naming the job when it has none or it is gone. */
    UUID target(IngestionJob job);

    /** The target asset's columns; fails when it has none (records are mapped onto them). */
    Schema targetColumns(IngestionJob job);

    /** The target asset's columns, or empty when it has none yet (a run adds the source's). */
    Optional<Schema> targetSchema(IngestionJob job);

    Optional<UUID> find(String namespace, String name);

    /** Creates an asset (through the audited asset service). */
    UUID create(NewAsset asset) throws InvalidInputException, AssetAlreadyExistsException;
}
