package coop.cpc.lakehouse.ingest.secret;

import java.net.URI;
import java.util.Locale;

/** Where a source is about to send a secret. */
public sealed interface SecretDestination {

    /** An HTTP request to this URL. */
    record Http(URI url) implements SecretDestination {
        @Override
        public String toString() {
            String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
            return String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT) + "://" + host
                    + (url.getPort() < 0 ? "" : ":" + url.getPort())
                    + (url.getRawPath() == null ? "" : url.getRawPath());
        }
    }

    /** A PostgreSQL connection to this database. */
    record Postgres(String host, int port, String database) implements SecretDestination {
        @Override
        public String toString() {
            return "postgresql://" + host + ":" + port + "/" + database;
        }
    }
}
