package coop.cpc.lakehouse.application;

/**
 * A failure the caller can act on. Its message is meant for the client and never carries
 * internal details; {@link #code()} is a stable, machine-readable error code.
 */
public abstract class LakehouseException extends Exception {
    private static final long serialVersionUID = 1L;

    protected LakehouseException(String message) {
        super(message);
    }

    /**
     * A stable, machine-readable error code: the class name without "Exception", in kebab case
     * ({@code UnknownAssetException} → {@code unknown-asset}). It is the rule MicroProfile GraphQL
     * on SmallRye uses for {@code extensions.code}, so every adapter reports the same code.
     */
    public final String code() {
        String name = getClass().getSimpleName().replaceAll("Exception$", "");
        return String.join("-", name.split("(?=\\p{Upper})")).toLowerCase(java.util.Locale.ROOT);
    }
}
