package coop.cpc.lakehouse.application.job;

/**
 * The catalog's ingestion runs belong to the job repository of the other server kind (WildFly and Open Liberty
 * each keep their own and number executions from 1): this server can neither start nor read them.
 */
public class ForeignJobRepositoryException extends JobStateException {
    private static final long serialVersionUID = 1L;

    public ForeignJobRepositoryException(String message) {
        super(message);
    }
}
