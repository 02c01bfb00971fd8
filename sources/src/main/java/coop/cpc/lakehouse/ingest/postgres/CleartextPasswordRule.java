package coop.cpc.lakehouse.ingest.postgres;

import java.util.Properties;

/**
 * When pgjdbc may send a source's password to a server that asks for it in clear text (docs/security.md,
 * "Secrets"): over TLS with a verified certificate ({@code sslmode=verify-ca} or {@code verify-full}), or when the
 * secret's binding allows it ({@code allow_cleartext_password=true}). Otherwise pgjdbc is given
 * {@code requireAuth=!password} and refuses such a server before it sends the password. One rule for the table
 * source, a CDC stream's own connections and Debezium's.
 */
public final class CleartextPasswordRule {
    /** Every authentication method but the clear-text password. */
    static final String REFUSE_CLEARTEXT = "!password";

    private CleartextPasswordRule() {}

    /**
     * Sets {@code requireAuth} among pgjdbc's properties unless the clear-text password is allowed.
     *
     * @param prefix what the properties' consumer expects before pgjdbc's names: empty for pgjdbc itself,
     *     {@code driver.} for Debezium
     */
    public static void apply(Properties properties, String prefix, SourceDatabaseUrl url, boolean bindingAllows) {
        boolean verifiedTls =
                url.sslmode().equals("verify-full") || url.sslmode().equals("verify-ca");
        if (!bindingAllows && !verifiedTls) {
            properties.setProperty(prefix + "requireAuth", REFUSE_CLEARTEXT);
        }
    }
}
