package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.application.LakehouseException;

/** A page of rows would exceed the response size limit: the caller asks for fewer rows or columns. */
public class ResponseTooLargeException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public ResponseTooLargeException(String message) {
        super(message);
    }
}
