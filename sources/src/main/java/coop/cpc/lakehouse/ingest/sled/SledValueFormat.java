package coop.cpc.lakehouse.ingest.sled;

/** How the values of a sled tree become asset columns; the key is always column {@code key bytes}. */
public enum SledValueFormat {
    /** The value as it is: column {@code value bytes}. */
    BYTES,
    /** The value as UTF-8 text: column {@code value string}; invalid UTF-8 rejects the pair. */
    UTF8,
    /** The value as a UTF-8 JSON object, flattened into the configured value columns. */
    JSON
}
