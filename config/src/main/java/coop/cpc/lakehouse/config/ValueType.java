package coop.cpc.lakehouse.config;

import java.util.regex.Pattern;

/** The type of a configuration value: how a raw string is checked before anything uses it. */
public enum ValueType {
    STRING("a string") {
        @Override
        String problemWith(String raw) {
            return null;
        }
    },
    /**
     * A token issuer ({@code iss}): not blank, and not smallrye-jwt's word for "unset" ({@code NONE}). MicroProfile
     * Config takes an empty value for a missing one, and smallrye-jwt then checks no issuer at all: a token of any
     * issuer whose key the server trusts (a shared JWKS of a provider's many tenants or realms) would be accepted.
     */
    ISSUER("a token issuer (the iss claim): not empty") {
        @Override
        String problemWith(String raw) {
            if (raw.isBlank()) {
                return "must not be empty (an empty issuer would let tokens of any issuer in)";
            }
            return raw.trim().equals("NONE")
                    ? "must not be NONE (smallrye-jwt reads it as no issuer, and would let tokens of any issuer in)"
                    : null;
        }
    },
    /**
     * Token audiences ({@code aud}), comma-separated, or empty for "not checked". A list whose every item is empty
     * ({@code ","}) would be read as empty too, and leave the audience unchecked where the operator meant to set one:
     * an empty item anywhere is refused.
     */
    AUDIENCES("comma-separated token audiences (the aud claim), or empty: not checked") {
        @Override
        String problemWith(String raw) {
            if (raw.isBlank()) {
                return null;
            }
            for (String audience : raw.split(",", -1)) {
                if (audience.isBlank()) {
                    return "holds an empty audience between or around its commas: name each audience, or leave"
                            + " the whole value empty to check no audience";
                }
            }
            return null;
        }
    },
    BOOLEAN("true or false") {
        @Override
        String problemWith(String raw) {
            return raw.trim().equals("true") || raw.trim().equals("false") ? null : "must be true or false";
        }
    },
    PATH("a file system path") {
        @Override
        String problemWith(String raw) {
            return raw.isBlank() ? "must not be blank" : null;
        }
    },
    KEY_LOCATION("a file path, or an https:, file: or classpath: URL (http: only to this machine)") {
        private final Pattern plainHttp = Pattern.compile("(?i)http://([^/?#]*)(.*)");
        private final Pattern loopback = Pattern.compile("(?i)(localhost|127(\\.\\d{1,3}){3}|\\[::1\\])(:\\d{1,5})?");

        @Override
        String problemWith(String raw) {
            if (raw.isBlank()) {
                return null;
            }
            java.util.regex.Matcher http = plainHttp.matcher(raw.trim());
            // A key fetched over plain HTTP from another machine can be swapped on the way: tokens of anyone's making.
            return http.matches() && !loopback.matcher(http.group(1)).matches()
                    ? "must not be fetched over plain http from another machine (use https)"
                    : null;
        }
    },
    /** A size limit in bytes, bounded so that no setting can let one request exhaust the heap. */
    BYTE_LIMIT("a byte count from 1024 to 268435456 (256 MiB)", 1024, ValueType.MAX_BYTE_LIMIT),
    /** Rows of one segment file a job writes: bounded by the rows a writer holds in memory. */
    SEGMENT_ROWS("an integer from 1024 to 1048576", 1024, 1_048_576),
    /** Changes of one open CDC source transaction held in memory: each is a change event on the heap. */
    TRANSACTION_CHANGES("an integer from 1024 to 4194304", 1024, 4_194_304),
    /** A count of things (segments, snapshots) a setting allows: from 1 to 100000. */
    COUNT("an integer from 1 to 100000", 1, 100_000),
    /** Chunks of rows an ingestion holds while their segments are written: each is a chunk's rows in memory. */
    CHUNKS_IN_FLIGHT("an integer from 1 to 16", 1, 16),
    /** Audit entries appended in one transaction: each is held until the group commits. */
    AUDIT_GROUP("an integer from 1 to 4096", 1, 4096),
    HOUR("an hour of the day from 0 to 23 (UTC)", 0, 23),
    /** Rows or items of one GraphQL page: each page is built and sent whole. */
    PAGE_SIZE("an integer from 1 to 10000", 1, 10_000),
    /** Rows the rows queries of one GraphQL request decode: each costs CPU, a billion-row scan minutes. */
    SCAN_ROWS("an integer from 1024 to 67108864", 1024, 67_108_864),
    /** Milliseconds between CDC heartbeats: each one writes on the source and commits an offset. */
    HEARTBEAT_MS("an integer from 100 to 3600000", 100, 3_600_000),
    /** The application server's heap in MiB: below 1 GiB it does not deploy and run the EAR reliably. */
    HEAP_MB("a heap size in MiB from 1024 to 65536", 1024, 65_536),
    /** A retention in days: at most 100 years. */
    DAYS("a number of days from 1 to 36500", 1, 36_500),
    /** How long finished runs are kept: at most 10 years of the batch runtime's tables. */
    HISTORY_DAYS("a number of days from 1 to 3650", 1, 3_650),
    PORT("a TCP port from 1 to 65535") {
        @Override
        String problemWith(String raw) {
            try {
                int port = Integer.parseInt(raw.trim());
                return port >= 1 && port <= 65535 ? null : "must be from 1 to 65535";
            } catch (NumberFormatException e) {
                return "must be an integer";
            }
        }
    },
    /** PostgreSQL names unquoted identifiers this way; replication slots allow no more. */
    IDENTIFIER("a lower-case identifier [a-z_][a-z0-9_]{0,62}") {
        private final Pattern pattern = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

        @Override
        String problemWith(String raw) {
            return pattern.matcher(raw).matches() ? null : "must match [a-z_][a-z0-9_]{0,62}";
        }
    },
    /** An OAuth 2.0 client id (RFC 6749: visible ASCII), bounded; empty means none. */
    CLIENT_ID("an OAuth client id of at most 255 visible ASCII characters, or empty") {
        private final Pattern pattern = Pattern.compile("[\\x21-\\x7E]{1,255}");

        @Override
        String problemWith(String raw) {
            return raw.isBlank() || pattern.matcher(raw.trim()).matches()
                    ? null
                    : "must be at most 255 visible ASCII characters without spaces";
        }
    },
    /**
     * An endpoint the browser fetches from (the console's OIDC token endpoint): an absolute https URL with a host,
     * or http to this machine only (a code and tokens sent in clear to another machine can be read on the way), as
     * localhost or 127.0.0.1; no IPv6 address (a Content-Security-Policy source cannot name one, so the browser
     * would refuse the fetch); no user info, no fragment, no white space, at most 2048 characters. Empty means unset.
     */
    BROWSER_ENDPOINT("an absolute https URL of at most 2048 characters (http only to localhost or 127.0.0.1; no IPv6 "
            + "address), or empty") {
        private final Pattern loopback = Pattern.compile("(?i)localhost|127\\.0\\.0\\.1");

        @Override
        String problemWith(String raw) {
            String url = raw.trim();
            if (url.isEmpty()) {
                return null;
            }
            if (url.length() > 2048) {
                return "must be at most 2048 characters (it has " + url.length() + ")";
            }
            java.net.URI uri;
            try {
                uri = new java.net.URI(url);
            } catch (java.net.URISyntaxException e) {
                return "is not a URL (" + e.getReason() + ")";
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                return "must be an absolute http(s) URL with a host";
            }
            if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                return "must name no user or password and no #fragment";
            }
            if (uri.getHost().startsWith("[")) {
                return "must not name an IPv6 address (a Content-Security-Policy cannot allow one; use a host name)";
            }
            return scheme.equals("http") && !loopback.matcher(uri.getHost()).matches()
                    ? "must not be reached over plain http on another machine (use https)"
                    : null;
        }
    },
    /**
     * An HMAC key: at least 32 bytes (256 bits), since it alone keeps low-entropy user names from being guessed
     * back from their pseudonyms; at most 1 KiB. Blank means unset.
     */
    SECRET_KEY("a secret of 32 to 1024 bytes (UTF-8, e.g. 'openssl rand -base64 32')") {
        @Override
        String problemWith(String raw) {
            int bytes = raw.trim().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            return raw.isBlank() || (bytes >= 32 && bytes <= 1024) ? null : "must be from 32 to 1024 bytes";
        }
    },
    POSTGRESQL_URL("a URL postgresql://user:password@host:port/database") {
        @Override
        String problemWith(String raw) {
            try {
                PostgresConnection.parse(raw);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
    };

    /** The upper bound of every {@link #BYTE_LIMIT} key: 256 MiB. */
    public static final long MAX_BYTE_LIMIT = 268_435_456L;

    private final String description;
    private final long min;
    private final long max;

    /** A type that checks its values itself ({@link #problemWith} overridden). */
    ValueType(String description) {
        this(description, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** An integer type: a value is valid from {@code min} to {@code max}. */
    ValueType(String description, long min, long max) {
        this.description = description;
        this.min = min;
        this.max = max;
    }

    /** @return a short phrase saying what is wrong with the raw value, or null when it is valid */
    String problemWith(String raw) {
        try {
            long value = Long.parseLong(raw.trim());
            return value >= min && value <= max ? null : "must be from " + min + " to " + max;
        } catch (NumberFormatException e) {
            return "must be an integer";
        }
    }

    public String description() {
        return description;
    }
}
