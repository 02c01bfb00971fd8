package coop.cpc.lakehouse.ingest.sled;

/** A tree asked for (by the configuration or by a checkpoint) is not among those that can be read. */
public class UnknownSledTreeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnknownSledTreeException(String message) {
        super(message);
    }
}
