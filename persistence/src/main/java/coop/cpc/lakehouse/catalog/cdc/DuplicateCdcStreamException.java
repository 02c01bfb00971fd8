package coop.cpc.lakehouse.catalog.cdc;

/** A stream could not be recorded: another stream holds its name or its replication slot. */
public class DuplicateCdcStreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which unique column the other stream holds. */
    public enum Taken {
        /** {@code cdc_streams_name_uk} */
        NAME,
        /** {@code cdc_streams_slot_uk} */
        SLOT
    }

    private final Taken taken;

    public DuplicateCdcStreamException(Taken taken, String value, Throwable cause) {
        super("another CDC stream holds the " + taken.name().toLowerCase(java.util.Locale.ROOT) + " " + value, cause);
        this.taken = taken;
    }

    public Taken taken() {
        return taken;
    }
}
