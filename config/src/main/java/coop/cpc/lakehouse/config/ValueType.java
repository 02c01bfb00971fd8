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
    POSITIVE_INT("an integer from 1 to 2147483647") {
        @Override
        String problemWith(String raw) {
            try {
                return Integer.parseInt(raw.trim()) >= 1 ? null : "must be at least 1";
            } catch (NumberFormatException e) {
                return "must be an integer";
            }
        }
    },
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

    private final String description;

    ValueType(String description) {
        this.description = description;
    }

    /** @return a short phrase saying what is wrong with the raw value, or null when it is valid */
    abstract String problemWith(String raw);

    public String description() {
        return description;
    }
}
