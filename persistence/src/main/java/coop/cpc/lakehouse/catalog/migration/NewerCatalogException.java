package coop.cpc.lakehouse.catalog.migration;

/**
 * The catalog holds migrations newer than this build's: a newer build upgraded it. Deploying on it would let this
 * build write rows the newer schema's constraints refuse (or that the newer build misreads), so it refuses.
 */
public class NewerCatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NewerCatalogException(String message) {
        super(message);
    }
}
