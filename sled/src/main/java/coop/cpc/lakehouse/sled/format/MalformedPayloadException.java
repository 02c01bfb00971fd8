package coop.cpc.lakehouse.sled.format;

/**
 * A payload could not be decoded. Decoders only see bytes, not files: the caller that knows the
 * file and offset turns this into a {@link coop.cpc.lakehouse.sled.CorruptSledFileException}.
 */
public final class MalformedPayloadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int position;

    public MalformedPayloadException(String message, int position) {
        super(message + " (payload byte " + position + ")");
        this.position = position;
    }

    /** Position inside the decoded buffer where decoding failed. */
    public int position() {
        return position;
    }
}
