package coop.cpc.lakehouse.application.cdc;

import coop.cpc.lakehouse.application.source.SourceGuards;
import coop.cpc.lakehouse.config.LakehouseSettings;
import coop.cpc.lakehouse.ingest.postgres.CdcSourceDatabase;
import coop.cpc.lakehouse.ingest.postgres.CleartextPasswordRule;
import coop.cpc.lakehouse.ingest.postgres.SourceDatabaseGuard;
import coop.cpc.lakehouse.ingest.postgres.SourceDatabaseUrl;
import coop.cpc.lakehouse.ingest.secret.SecretBinding;
import coop.cpc.lakehouse.ingest.secret.SecretDestination;
import coop.cpc.lakehouse.ingest.secret.SecretRefusedException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where a stream's engine connects: the source URL checked by the PostgreSQL source guard (allow
 * list, never the catalog's database), the address it was checked at (the name with
 * {@code sslmode=verify-full}, whose certificate is checked against it), and the password resolved by
 * alias for exactly that database, with whether its binding lets it go to a server that asks for it in
 * clear text ({@link CleartextPasswordRule}). The password is never logged nor stored.
 */
record SourceEndpoint(
        SourceDatabaseUrl url, String host, String user, String password, boolean allowCleartextPassword) {

    /** Why a source may not be used; the message names the setting, never the password. */
    static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    static SourceEndpoint resolve(
            String rawUrl, String user, String passwordAlias, LakehouseSettings settings, SourceGuards guards)
            throws RefusedException {
        SourceDatabaseUrl url;
        try {
            url = SourceDatabaseUrl.parse(rawUrl);
        } catch (IllegalArgumentException e) {
            throw new RefusedException("url " + e.getMessage());
        }
        List<InetAddress> checked;
        try {
            checked = guards.postgres(settings).check(url);
        } catch (SourceDatabaseGuard.RefusedException e) {
            throw new RefusedException("url: " + e.getMessage());
        } catch (UnknownHostException e) {
            throw new RefusedException("url: host " + url.bareHost() + " does not resolve");
        }
        String password = "";
        boolean allowCleartextPassword = false;
        if (passwordAlias != null) {
            SecretDestination.Postgres destination =
                    new SecretDestination.Postgres(url.bareHost(), url.port(), url.database());
            try {
                SecretBinding binding = guards.secrets().requireBound("passwordAlias", passwordAlias, destination);
                allowCleartextPassword = binding.allowCleartextPassword();
                password = guards.secrets().resolveFor("passwordAlias", passwordAlias, destination);
            } catch (SecretRefusedException e) {
                throw new RefusedException(e.getMessage());
            }
        }
        return new SourceEndpoint(url, host(url, checked), user, password, allowCleartextPassword);
    }

    /**
     * The address the guard checked, so a second DNS answer cannot point elsewhere; the name itself when it was
     * not resolved (allow-listed) or with {@code sslmode=verify-full}, where pgjdbc checks the certificate against
     * the host it connects to (as {@link coop.cpc.lakehouse.ingest.postgres.SourceConnector} does).
     */
    private static String host(SourceDatabaseUrl url, List<InetAddress> checked) {
        if (checked.isEmpty() || url.sslmode().equals("verify-full")) {
            return url.host();
        }
        InetAddress address = checked.get(0);
        return address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    }

    /** A connection for the stream's own set-up (heartbeat table); the engine opens its own. */
    Connection connect() throws SQLException {
        return CdcSourceDatabase.connect(host, url, user, password, allowCleartextPassword);
    }

    /**
     * Refuses a database that holds a lakehouse catalog (this install's or another's), which is never a source
     * (docs/security.md, as for table sources).
     */
    void refuseLakehouseCatalog(Connection c) throws SQLException, RefusedException {
        if (SourceDatabaseGuard.holdsLakehouseCatalog(c)) {
            throw new RefusedException("url: database " + url.database() + " holds a lakehouse catalog (schema"
                    + " lakehouse with audit_logs or ingestion_jobs), and a lakehouse catalog is never a source");
        }
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
