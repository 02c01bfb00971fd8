package coop.cpc.lakehouse.application.ingest;

/**
 * A step of a run failed inside the {@link IngestionRunService}. Checked, so the container hands it
 * to the batch artifact as it is (a runtime exception would come wrapped, with the container's
 * message); the artifact reports its cause.
 */
public class RunStepException extends Exception {
    private static final long serialVersionUID = 1L;

    public RunStepException(Exception cause) {
        super(cause.getMessage(), cause);
    }
}
