package coop.cpc.lakehouse.application;

import coop.cpc.lakehouse.config.LakehouseKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Text from an exception made fit for a client (an ingestion run's exit status): no Java class or
 * exception names, no paths of the server's installation, its temporary folder or its segment storage.
 *
 * <p>A message is cut to {@value #MAX_SCANNED_CHARS} characters before any pattern runs on it: a message can echo what
 * a source sent (a URL, a value), and Java's regular expressions recurse once per repetition of a group, so a long
 * dotted text would overflow the stack. Exit statuses keep 500 characters anyway.
 */
public final class ClientText {
    /** The longest message text kept; the rest is cut (at a word) before the patterns run. */
    public static final int MAX_SCANNED_CHARS = 2000;

    private static final int WORD_CUT_CHARS = 256;

    /** A package name has far fewer than 64 parts; the bound keeps the pattern's recursion shallow. */
    private static final Pattern QUALIFIED_CLASS =
            Pattern.compile("\\b(?:[a-z_$][a-z0-9_$]{0,127}\\.){2,64}[A-Z][\\w$]*(?::\\s*)?");

    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b[A-Z]\\w*(?:Exception|Error)\\b(?::\\s*)?");
    private static final String SERVER_FILE = "(a file of the server)";

    /**
     * The folders of the server, as WildFly (base and home) and Open Liberty (install, user, configuration and
     * output folders) name them in system properties, and the JVM's temporary folder.
     */
    static final List<String> SERVER_PATH_PROPERTIES = List.of(
            "jboss.server.base.dir",
            "jboss.home.dir",
            "wlp.install.dir",
            "wlp.user.dir",
            "server.config.dir",
            "server.output.dir",
            "java.io.tmpdir");

    private ClientText() {}

    /** The folders of this server whose paths a client must not see (longest first). */
    public static List<String> serverPaths() {
        return serverPaths(System::getProperty, storagePath());
    }

    /**
     * @param properties  the system properties
     * @param storagePath {@code webm_storage_path} as configured, if it is
     * @return the folders named by {@link #SERVER_PATH_PROPERTIES} and the storage folder (absolute, and as
     *     configured when that differs), longest first, without a trailing separator; never the root
     */
    static List<String> serverPaths(Function<String, String> properties, Optional<String> storagePath) {
        List<String> paths = new ArrayList<>();
        for (String property : SERVER_PATH_PROPERTIES) {
            add(paths, properties.apply(property));
        }
        storagePath.filter(p -> !p.isBlank()).ifPresent(configured -> {
            if (configured.contains("/") || configured.contains("\\")) {
                // A one-word relative folder ("data") would hide that word wherever a message uses it.
                add(paths, configured.trim());
            }
            try {
                add(
                        paths,
                        Path.of(configured.trim()).toAbsolutePath().normalize().toString());
            } catch (RuntimeException e) {
                // Not a path this system can resolve: only its configured spelling is hidden.
            }
        });
        paths.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(paths);
    }

    private static void add(List<String> paths, String path) {
        if (path == null || path.isBlank()) {
            return;
        }
        String trimmed = path.trim().replaceAll("[/\\\\]+$", "");
        if (!trimmed.isEmpty() && !paths.contains(trimmed)) {
            paths.add(trimmed);
        }
    }

    /** {@code webm_storage_path} from MicroProfile Config, else its default. */
    private static Optional<String> storagePath() {
        LakehouseKey key = LakehouseKey.WEBM_STORAGE_PATH;
        try {
            return ConfigProvider.getConfig(ClientText.class.getClassLoader())
                    .getOptionalValue(key.propertyName(), String.class)
                    .or(key::defaultValue);
        } catch (RuntimeException | LinkageError e) {
            // No MicroProfile Config here (a plain JVM, a unit test): the key's default folder.
            return key.defaultValue();
        }
    }

    /**
     * @param serverPaths folders whose paths must not be shown (longest first is best)
     * @return the message without class names and server paths, cut to {@value #MAX_SCANNED_CHARS} characters (and
     *     an ellipsis); a generic phrase when nothing is left
     */
    public static String plain(String message, List<String> serverPaths) {
        String text = cut(message == null ? "" : message);
        for (String path : serverPaths) {
            // The folder itself or anything below it, where a path starts (not inside a longer name), also as a
            // file URI (Path.toUri: file:///opt/...).
            Pattern inside = Pattern.compile(
                    "(?<![\\w.\\\\/-])(?:file:/{0,2})?" + Pattern.quote(path) + "(?:[/\\\\][^\\s,;)'\"]*)?(?![\\w-])");
            text = inside.matcher(text).replaceAll(Matcher.quoteReplacement(SERVER_FILE));
        }
        text = QUALIFIED_CLASS.matcher(text).replaceAll("");
        text = EXCEPTION_NAME.matcher(text).replaceAll("");
        text = text.trim();
        return text.isEmpty() ? "an unexpected error (details in the server log)" : text;
    }

    /**
     * The message's first {@value #MAX_SCANNED_CHARS} characters and an ellipsis, cut after a space among the last
     * {@value #WORD_CUT_CHARS} when there is one, so that no server path is left cut in two (its start no longer the
     * folder it names, and so not hidden).
     */
    private static String cut(String message) {
        if (message.length() <= MAX_SCANNED_CHARS) {
            return message;
        }
        int space = message.lastIndexOf(' ', MAX_SCANNED_CHARS - 1);
        int end = space >= MAX_SCANNED_CHARS - WORD_CUT_CHARS ? space + 1 : MAX_SCANNED_CHARS;
        return message.substring(0, end) + "…";
    }
}
