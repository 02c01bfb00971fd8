package coop.cpc.lakehouse.web.graphql;

import java.util.regex.Pattern;

/**
 * Failure messages as a non-admin sees them: a message that names a network source (its URL, host or address) keeps
 * what failed, the words before its first colon, and hides the rest, as a job's settings hide connection details.
 */
final class SourceDetails {
    static final String HIDDEN = "the details name the source and are shown to admins only (and in the server log)";

    /**
     * The longest failure text judged and shown; the rest is cut (with an ellipsis) before the pattern runs, as a
     * source can make its errors (a CDC stream's last error) arbitrarily long. Exit statuses already keep 500.
     */
    static final int MAX_SCANNED_CHARS = 2000;

    /**
     * How far past the cut the text is judged, so that a host or address straddling the cut is hidden, not shown in
     * part: longer than a host name with its port (253 + 6).
     */
    static final int JUDGED_PAST_THE_CUT = 512;

    /**
     * What names a network source in a failure's words: a URL or JDBC URL, a host named by the SSRF guard, the source
     * guard or a TLS check, a host with its port, an IPv4 address, a bracketed IPv6 address. A host's labels
     * are counted up to 127 (a longer host matches from a later label) so that the pattern's recursion stays shallow.
     */
    private static final Pattern SOURCE = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://|\\bjdbc:|\\bhost '"
            + "|\\bhost \\S+ does not resolve|\\bdns name matching|\\b[a-z0-9-]+(\\.[a-z0-9-]+){1,127}:\\d{2,5}\\b"
            + "|\\b\\d{1,3}(\\.\\d{1,3}){3}\\b|\\[[0-9a-f]*:[0-9a-f:.]*])");

    private SourceDetails() {}

    /**
     * The message, cut to {@value #MAX_SCANNED_CHARS} characters, with what follows its first colon hidden when its
     * first {@value #MAX_SCANNED_CHARS} + {@value #JUDGED_PAST_THE_CUT} characters name a source; null stays null.
     */
    static String hidden(String full) {
        String message =
                full == null || full.length() <= MAX_SCANNED_CHARS ? full : full.substring(0, MAX_SCANNED_CHARS) + "…";
        if (message == null
                || !SOURCE.matcher(full)
                        .region(0, Math.min(full.length(), MAX_SCANNED_CHARS + JUDGED_PAST_THE_CUT))
                        .find()) {
            return message;
        }
        int colon = message.indexOf(": ");
        String what = colon > 0 && !SOURCE.matcher(message.substring(0, colon)).find()
                ? message.substring(0, colon)
                : "failed";
        return what + ": " + HIDDEN;
    }
}
