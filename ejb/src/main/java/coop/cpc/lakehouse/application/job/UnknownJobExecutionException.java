package coop.cpc.lakehouse.application.job;

import coop.cpc.lakehouse.application.LakehouseException;

/** No ingestion job ran with that Jakarta Batch execution id. */
public class UnknownJobExecutionException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public UnknownJobExecutionException(long executionId) {
        super("no ingestion job execution " + executionId);
    }
}
