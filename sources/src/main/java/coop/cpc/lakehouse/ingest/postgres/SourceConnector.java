package coop.cpc.lakehouse.ingest.postgres;

import coop.cpc.lakehouse.ingest.http.SecretResolver;
import coop.cpc.lakehouse.ingest.secret.SecretBinding;
import coop.cpc.lakehouse.ingest.secret.SecretDestination;
import coop.cpc.lakehouse.ingest.secret.SecretRefusedException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Opens a connection to a source database, guarded: the {@link SourceDatabaseGuard} decides first,
 * the password is resolved only for a database its alias is bound to, and pgjdbc is told to refuse a
 * server that asks for the password in clear text ({@code requireAuth=!password}) unless the link is
 * TLS with a verified certificate or the binding allows it. Timeouts are always set and bounded;
 * the connection is read-only. Every failure is the same {@link SourceConnectionException}.
 */
public final class SourceConnector {
    private static final Logger LOG = Logger.getLogger(SourceConnector.class.getName());
    private static final String APPLICATION_NAME = "lakehouse-ingestion";

    private final SourceDatabaseGuard guard;
    private final SecretResolver secrets;

    public SourceConnector(SourceDatabaseGuard guard, SecretResolver secrets) {
        this.guard = guard;
        this.secrets = secrets;
    }

    /**
     * @param passwordAlias alias of the password, or null to send none
     * @throws SourceConnectionException for any reason the connection cannot be used
     */
    public Connection connect(SourceDatabaseUrl url, String user, String passwordAlias, QualifiedTableName table)
            throws SourceConnectionException {
        Properties properties;
        String connectTo = url.host();
        try {
            SourceDatabaseGuard.checkTable(table);
            List<InetAddress> checked = guard.check(url);
            properties = properties(url, user, passwordAlias);
            if (!checked.isEmpty() && !url.sslmode().equals("verify-full")) {
                // Connect to the address just checked, so a second DNS answer cannot point elsewhere.
                connectTo = literal(checked.get(0));
            }
        } catch (SourceDatabaseGuard.RefusedException | SecretRefusedException e) {
            LOG.warning(() -> "Source " + url + " refused: " + e.getMessage());
            throw new SourceConnectionException();
        } catch (java.net.UnknownHostException e) {
            LOG.warning(() -> "Source " + url + ": host does not resolve");
            throw new SourceConnectionException();
        }
        Connection connection;
        try {
            connection = new org.postgresql.Driver()
                    .connect("jdbc:postgresql://" + connectTo + ":" + url.port() + "/" + url.database(), properties);
        } catch (SQLException e) {
            LOG.warning(
                    () -> "Source " + url + " connection failed: SQLState " + e.getSQLState() + ", " + e.getMessage());
            throw new SourceConnectionException();
        }
        if (connection == null) {
            throw new SourceConnectionException();
        }
        try {
            if (SourceDatabaseGuard.holdsLakehouseCatalog(connection)) {
                LOG.warning(() -> "Source " + url + " refused: the database holds a lakehouse catalog");
                throw new SourceConnectionException();
            }
            return connection;
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing; the first error is the one that matters.
            }
            throw e instanceof SourceConnectionException s ? s : new SourceConnectionException();
        }
    }

    /** The driver properties: credentials, read-only, bounded timeouts, and no cleartext password unless allowed. */
    Properties properties(SourceDatabaseUrl url, String user, String passwordAlias) throws SecretRefusedException {
        Properties p = new Properties();
        p.setProperty("user", user);
        boolean allowCleartext = false;
        if (passwordAlias != null) {
            SecretDestination.Postgres destination =
                    new SecretDestination.Postgres(url.bareHost(), url.port(), url.database());
            SecretBinding binding = secrets.requireBound("passwordAlias", passwordAlias, destination);
            allowCleartext = binding.allowCleartextPassword();
            p.setProperty("password", secrets.resolveFor("passwordAlias", passwordAlias, destination));
        } else {
            // An empty password keeps pgjdbc from looking one up in the server's ~/.pgpass.
            p.setProperty("password", "");
        }
        CleartextPasswordRule.apply(p, "", url, allowCleartext);
        p.setProperty("sslmode", url.sslmode());
        url.parameters().forEach((name, value) -> {
            if (name.equals("channelBinding") || name.equals("tcpKeepAlive")) {
                p.setProperty(name, value);
            }
        });
        p.setProperty("ApplicationName", url.parameters().getOrDefault("ApplicationName", APPLICATION_NAME));
        p.setProperty(
                "connectTimeout",
                Integer.toString(url.seconds("connectTimeout", SourceDatabaseUrl.DEFAULT_CONNECT_TIMEOUT)));
        p.setProperty(
                "loginTimeout", Integer.toString(url.seconds("loginTimeout", SourceDatabaseUrl.DEFAULT_LOGIN_TIMEOUT)));
        p.setProperty(
                "socketTimeout",
                Integer.toString(url.seconds("socketTimeout", SourceDatabaseUrl.DEFAULT_SOCKET_TIMEOUT)));
        p.setProperty("readOnly", "true");
        // Read-only also in autocommit mode, where pgjdbc's default applies it only to explicit transactions.
        p.setProperty("readOnlyMode", "always");
        return p;
    }

    private static String literal(InetAddress address) {
        return address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    }
}
