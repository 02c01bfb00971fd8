package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.application.LakehouseException;

/** Incoming rows whose columns do not fit the asset's schema (a type change, a missing required column). */
public class SchemaMismatchException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public SchemaMismatchException(String message) {
        super(message);
    }
}
