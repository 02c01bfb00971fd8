package coop.cpc.lakehouse.application.job;

import coop.cpc.lakehouse.application.LakehouseException;
import java.util.UUID;

/** No ingestion job has the given id. */
public class UnknownIngestionJobException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public UnknownIngestionJobException(UUID id) {
        super("No ingestion job with id " + id);
    }
}
