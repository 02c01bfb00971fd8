package coop.cpc.lakehouse.application.job;

import coop.cpc.lakehouse.application.LakehouseException;

/** The job or execution is not in a state that allows the operation (start while running, restart a completed run). */
public class JobStateException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public JobStateException(String message) {
        super(message);
    }
}
