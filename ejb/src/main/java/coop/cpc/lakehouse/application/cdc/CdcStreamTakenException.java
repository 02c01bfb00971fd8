package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.catalog.cdc.DuplicateCdcStreamException;

/**
 * A new stream's name or replication slot was taken by another stream while it was being recorded
 * (two creates at once); the create service turns it into the API's invalid-input error.
 */
public class CdcStreamTakenException extends Exception {
    private static final long serialVersionUID = 1L;

    private final DuplicateCdcStreamException.Taken taken;

    public CdcStreamTakenException(DuplicateCdcStreamException cause) {
        super(cause.getMessage(), cause);
        this.taken = cause.taken();
    }

    public DuplicateCdcStreamException.Taken taken() {
        return taken;
    }
}
