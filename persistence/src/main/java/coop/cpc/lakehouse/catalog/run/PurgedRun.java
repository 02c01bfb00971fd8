package coop.cpc.lakehouse.catalog.run;

import java.util.UUID;

/** An ingestion run the run history purge deleted: whose rejects file it deletes next. */
public record PurgedRun(UUID jobId, long executionId) {}
