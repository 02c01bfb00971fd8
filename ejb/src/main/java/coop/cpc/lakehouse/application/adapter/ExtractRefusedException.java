package coop.cpc.lakehouse.application.adapter;

import coop.cpc.lakehouse.application.LakehouseException;

/** A research extract that failed its independent check or cannot reach k: nothing was published. */
public class ExtractRefusedException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public ExtractRefusedException(String message) {
        super(message);
    }
}
