package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.LakehouseException;
import java.util.UUID;

/** No stream with that id. */
public class UnknownCdcStreamException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public UnknownCdcStreamException(UUID id) {
        super("no CDC stream with id " + id);
    }
}
