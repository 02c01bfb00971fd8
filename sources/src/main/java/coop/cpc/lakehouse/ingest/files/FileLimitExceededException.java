package coop.cpc.lakehouse.ingest.files;

/** A file holds more bytes, on disk or once decompressed, than the drop directory allows. */
public class FileLimitExceededException extends RejectedFileException {

    private static final long serialVersionUID = 1L;

    public FileLimitExceededException(String message) {
        super(message, null);
    }

    /**
     * A CSV record longer than {@code maxRecordChars} characters: the file cannot be read as records. Both walks of a
     * CSV file ({@link CsvByteScan} over bytes, {@link CsvRecordStream} over characters) refuse it with this message.
     *
     * @param line   the line the record starts on
     * @param record the record's number, the header not counted
     */
    static FileLimitExceededException csvRecordTooLong(String file, long line, long record, int maxRecordChars) {
        return new FileLimitExceededException(file + " line " + line + ": record " + record + " is longer than "
                + maxRecordChars + " characters (maxRecordBytes)");
    }
}
