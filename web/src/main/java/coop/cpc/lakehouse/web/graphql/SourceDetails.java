package coop.cpc.lakehouse.web.graphql;

import java.util.regex.Pattern;

/**
 * Failure messages as a non-admin sees them: a message that names a network source (its URL, host or address) keeps
 * what failed, the words before its first colon, and hides the rest, as a job's settings hide connection details.
 */
final class SourceDetails {
    static final String HIDDEN = "the details name the source and are shown to admins only (and in the server log)";

    /**
     * What names a network source in a failure's words: a URL or JDBC URL, a host named by the SSRF guard, the source
     * guard or a TLS check, a host with its port, an IPv4 address, a bracketed IPv6 address.
     */
    private static final Pattern SOURCE = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://|\\bjdbc:|\\bhost '|\\bhost \\S+"
            + " does not resolve|\\bdns name matching|\\b[a-z0-9-]+(\\.[a-z0-9-]+)+:\\d{2,5}\\b"
            + "|\\b\\d{1,3}(\\.\\d{1,3}){3}\\b|\\[[0-9a-f]*:[0-9a-f:.]*])");

    private SourceDetails() {}

    /** The message with what follows its first colon hidden when it names a source; null stays null. */
    static String hidden(String message) {
        if (message == null || !SOURCE.matcher(message).find()) {
            return message;
        }
        int colon = message.indexOf(": ");
        String what = colon > 0 && !SOURCE.matcher(message.substring(0, colon)).find()
                ? message.substring(0, colon)
                : "failed";
        return what + ": " + HIDDEN;
    }
}
