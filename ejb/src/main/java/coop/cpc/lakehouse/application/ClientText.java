package coop.cpc.lakehouse.application;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Text from an exception made fit for a client (an ingestion run's exit status): no Java class or
 * exception names, no paths of the server's installation.
 */
public final class ClientText {
    private static final Pattern QUALIFIED_CLASS =
            Pattern.compile("\\b(?:[a-z_$][a-z0-9_$]*\\.){2,}[A-Z][\\w$]*(?::\\s*)?");
    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b[A-Z]\\w*(?:Exception|Error)\\b(?::\\s*)?");
    private static final String SERVER_FILE = "(a file of the server)";

    private ClientText() {}

    /** The installation folders of this server, as the system properties of WildFly name them. */
    public static List<String> serverPaths() {
        return java.util.stream.Stream.of("jboss.server.base.dir", "jboss.home.dir")
                .map(System::getProperty)
                .filter(p -> p != null && !p.isBlank())
                .toList();
    }

    /**
     * @param serverPaths folders whose paths must not be shown (longest first is best)
     * @return the message without class names and server paths; a generic phrase when nothing is left
     */
    public static String plain(String message, List<String> serverPaths) {
        String text = message == null ? "" : message;
        for (String path : serverPaths) {
            text = text.replaceAll(Pattern.quote(path) + "[^\\s,;)'\"]*", SERVER_FILE);
        }
        text = QUALIFIED_CLASS.matcher(text).replaceAll("");
        text = EXCEPTION_NAME.matcher(text).replaceAll("");
        text = text.trim();
        return text.isEmpty() ? "an unexpected error (details in the server log)" : text;
    }
}
