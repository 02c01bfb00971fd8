package coop.cpc.lakehouse.ingest.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the {@code rel="next"} target in RFC 8288 Link header values. */
final class LinkHeader {

    private LinkHeader() {}

    static Optional<String> next(List<String> values) {
        for (String value : values) {
            int i = 0;
            while (true) {
                int open = value.indexOf('<', i);
                if (open < 0) {
                    break;
                }
                int close = value.indexOf('>', open);
                if (close < 0) {
                    break;
                }
                String target = value.substring(open + 1, close).trim();
                int end = nextLinkStart(value, close + 1);
                String params = value.substring(close + 1, end);
                if (hasRelNext(params)) {
                    return Optional.of(target);
                }
                i = end;
            }
        }
        return Optional.empty();
    }

    /** The index of the comma ending this link's parameters (quoted strings skipped), or the end. */
    private static int nextLinkStart(String value, int from) {
        boolean quoted = false;
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        return value.length();
    }

    private static boolean hasRelNext(String params) {
        for (String param : params.split(";")) {
            int eq = param.indexOf('=');
            if (eq < 0 || !param.substring(0, eq).trim().equalsIgnoreCase("rel")) {
                continue;
            }
            String rel = param.substring(eq + 1).trim();
            if (rel.length() >= 2 && rel.startsWith("\"") && rel.endsWith("\"")) {
                rel = rel.substring(1, rel.length() - 1);
            }
            for (String r : rel.toLowerCase(Locale.ROOT).split("\\s+")) {
                if (r.equals("next")) {
                    return true;
                }
            }
        }
        return false;
    }
}
