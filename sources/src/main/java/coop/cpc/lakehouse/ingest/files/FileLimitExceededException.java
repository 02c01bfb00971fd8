package coop.cpc.lakehouse.ingest.files;

/** A file holds more bytes, on disk or once decompressed, than the drop directory allows. */
public class FileLimitExceededException extends RejectedFileException {

    private static final long serialVersionUID = 1L;

    public FileLimitExceededException(String message) {
        super(message, null);
    }
}
