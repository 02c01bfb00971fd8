package coop.cpc.lakehouse.ingest.postgres;

import java.sql.SQLException;
import java.util.regex.Pattern;
import org.postgresql.core.Utils;

/**
 * A source table, {@code schema.table} or {@code table} (schema {@code public}). Each part must
 * be a plain identifier; it is always sent double-quoted, so it can be neither SQL nor a path.
 */
public record QualifiedTableName(String schema, String table) {
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public QualifiedTableName {
        requireIdentifier("schema", schema);
        requireIdentifier("table", table);
    }

    /** @throws IllegalArgumentException naming the part that is not an identifier */
    public static QualifiedTableName parse(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("source table is required, as schema.table");
        }
        int dot = name.indexOf('.');
        return dot < 0
                ? new QualifiedTableName("public", name)
                : new QualifiedTableName(name.substring(0, dot), name.substring(dot + 1));
    }

    /** @throws IllegalArgumentException naming {@code what} when the value is not a plain identifier */
    public static String requireIdentifier(String what, String value) {
        if (!isIdentifier(value)) {
            throw new IllegalArgumentException(
                    what + " '" + printable(value) + "' is not a plain identifier " + IDENTIFIER.pattern());
        }
        return value;
    }

    static boolean isIdentifier(String value) {
        return value != null && IDENTIFIER.matcher(value).matches();
    }

    /**
     * Double-quoted, embedded quotes doubled (pgjdbc's escaping): the one quoting of every identifier
     * this package sends, whatever it holds, so that a name read from a catalog stays a name.
     *
     * @throws IllegalArgumentException for a name holding NUL, which PostgreSQL names cannot
     */
    static String quote(String identifier) {
        try {
            return Utils.escapeIdentifier(null, identifier).toString();
        } catch (SQLException e) {
            throw new IllegalArgumentException(
                    "identifier '" + printable(identifier) + "' cannot be quoted: " + e.getMessage(), e);
        }
    }

    public String quoted() {
        return quote(schema) + "." + quote(table);
    }

    private static String abbreviate(String value) {
        return value == null ? "null" : value.length() <= 70 ? value : value.substring(0, 67) + "...";
    }

    /**
     * A name for a message or a log line: abbreviated, each control character (a newline in a catalog name
     * could forge a log line) shown as a backslash-u escape.
     */
    static String printable(String name) {
        String shown = abbreviate(name);
        StringBuilder out = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
