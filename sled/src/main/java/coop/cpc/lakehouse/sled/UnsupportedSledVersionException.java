package coop.cpc.lakehouse.sled;

/** The directory is not a sled 0.34.x database (another version, a sled 1.0 layout, or not sled). */
public final class UnsupportedSledVersionException extends SledException {

    private static final long serialVersionUID = 1L;

    public UnsupportedSledVersionException(String message) {
        super(message);
    }
}
