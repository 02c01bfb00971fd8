package coop.cpc.lakehouse.ingest.postgres;

import coop.cpc.lakehouse.ingest.http.SsrfGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PostgreSQL source may connect to and read, decided before connecting: the host must pass
 * the same address guard as HTTP sources (loopback, private and special-purpose addresses refused
 * unless allow-listed), the database must not be the lakehouse catalog's own, and the table must not
 * be in a system or catalog schema.
 */
public final class SourceDatabaseGuard {

    /** Why a source was refused. */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        public RefusedException(String message) {
            super(message);
        }
    }

    /** Host of the catalog's JDBC URL (the first, for a multi-host URL), its port and database. */
    private static final Pattern CATALOG_URL = Pattern.compile(
            "jdbc:postgresql://([^/:,?\\[]+|\\[[^\\]]+\\])(?::(\\d{1,5}))?(?:,[^/]*)?/([^?]+)(?:\\?.*)?");

    private final SsrfGuard addresses;
    private final SsrfGuard.Resolver resolver;
    private final Optional<CatalogLocation> catalog;

    private record CatalogLocation(String host, int port, String database) {}

    /**
     * @param allowList  hosts or IP literals exempt from the address guard ({@code postgres_source_allow_list})
     * @param catalogUrl the JDBC URL of the lakehouse catalog ({@code lakehouse.db.url}), if known
     * @param resolver   resolves host names; never asked about IP literals
     */
    public SourceDatabaseGuard(Set<String> allowList, Optional<String> catalogUrl, SsrfGuard.Resolver resolver) {
        this.addresses = new SsrfGuard(allowList, resolver);
        this.resolver = resolver;
        this.catalog = catalogUrl
                .map(CATALOG_URL::matcher)
                .filter(Matcher::matches)
                .map(m -> new CatalogLocation(
                        unbracket(m.group(1).toLowerCase(Locale.ROOT)),
                        m.group(2) == null ? SourceDatabaseUrl.DEFAULT_PORT : Integer.parseInt(m.group(2)),
                        m.group(3)));
    }

    public SourceDatabaseGuard(Set<String> allowList, Optional<String> catalogUrl) {
        this(allowList, catalogUrl, InetAddress::getAllByName);
    }

    /**
     * Refuses a database the source must not reach.
     *
     * @return the addresses the host was checked at (empty for an allow-listed host name)
     * @throws UnknownHostException when the host does not resolve (perhaps only for now)
     */
    public List<InetAddress> check(SourceDatabaseUrl url) throws RefusedException, UnknownHostException {
        List<InetAddress> checked;
        try {
            checked = addresses.checkHost(url.toString(), url.bareHost());
        } catch (UnknownHostException e) {
            throw e;
        } catch (IOException e) {
            throw new RefusedException(
                    e.getMessage().replace("the source's allow-list", "data_lakehouse.postgres_source_allow_list"));
        }
        if (catalog.isPresent() && isCatalog(url, catalog.get())) {
            throw new RefusedException(url + " is the lakehouse catalog's own database, which is never a source");
        }
        return checked;
    }

    /** Refuses system schemas and the catalog's schema: {@code pg_*}, {@code information_schema}, {@code lakehouse}. */
    public static void checkTable(QualifiedTableName table) throws RefusedException {
        String schema = table.schema().toLowerCase(Locale.ROOT);
        if (schema.startsWith("pg_") || schema.equals("information_schema") || schema.equals("lakehouse")) {
            throw new RefusedException(
                    "schema " + table.schema() + " is a system or catalog schema; its tables are never a source");
        }
    }

    /**
     * Whether the connected database holds a lakehouse catalog (this install's, or another's): such a database is
     * never a source, whatever its address, for table sources and CDC streams alike.
     */
    public static boolean holdsLakehouseCatalog(Connection connection) throws SQLException {
        String sql = "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = 'lakehouse' AND c.relname IN ('audit_logs', 'ingestion_jobs'))";
        try (PreparedStatement select = connection.prepareStatement(sql);
                ResultSet rows = select.executeQuery()) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    private boolean isCatalog(SourceDatabaseUrl url, CatalogLocation c) {
        if (url.port() != c.port() || !url.database().equals(c.database())) {
            return false;
        }
        String host = url.bareHost();
        if (host.equals(c.host())) {
            return true;
        }
        List<InetAddress> source = addressesOf(host);
        List<InetAddress> target = addressesOf(c.host());
        for (InetAddress a : source) {
            if (target.contains(a)) {
                return true;
            }
        }
        // Two names for this machine (localhost, 127.0.0.2, its own LAN address) reach the same server.
        return source.stream().anyMatch(SourceDatabaseGuard::isThisMachine)
                && target.stream().anyMatch(SourceDatabaseGuard::isThisMachine);
    }

    private List<InetAddress> addressesOf(String host) {
        try {
            return List.of(
                    host.contains(":") || host.matches("[0-9.]+")
                            ? new InetAddress[] {InetAddress.getByName(host)}
                            : resolver.resolve(host));
        } catch (UnknownHostException e) {
            return new ArrayList<>();
        }
    }

    private static boolean isThisMachine(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
