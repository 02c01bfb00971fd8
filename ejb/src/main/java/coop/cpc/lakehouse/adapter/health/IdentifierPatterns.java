package coop.cpc.lakehouse.adapter.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Text that looks like a Safe Harbor identifier whatever column it is in: e-mail addresses, URLs,
 * IP addresses, SSNs, phone and fax numbers, full dates, five-digit ZIP codes, and any run of five or
 * more digits (record, plan, account, licence, device numbers).
 *
 * <p>A search takes steps linear in the text's length: no pattern has an unbounded repetition that can meet a long run
 * of text. An e-mail address is any '@' (or a full-width '＠' or small '﹫') between a letter, digit, combining mark,
 * quote or one of {@code ._%+-} and a letter, digit, '.' or '-'. Every match of the earlier address pattern ({@code
 * [A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}}, quadratic on a long run without '@') holds such an '@', and so do
 * addresses it missed: a non-ASCII local part or domain, a quoted local part, a padded domain. A few free-text values
 * that only look like addresses are flagged too; for Safe Harbor that is the safe side.
 */
public final class IdentifierPatterns {
    private static final Map<String, Pattern> PATTERNS = new LinkedHashMap<>();

    static {
        PATTERNS.put("e-mail address", Pattern.compile("[\\p{L}\\p{M}\\p{N}._%+\"-][@\uFF20\uFE6B][\\p{L}\\p{N}.-]"));
        PATTERNS.put("URL", Pattern.compile("(?i)\\b(?:https?|ftp)://\\S+|\\bwww\\.\\S+"));
        PATTERNS.put("IPv4 address", Pattern.compile("\\b(?:[0-9]{1,3}\\.){3}[0-9]{1,3}\\b"));
        PATTERNS.put("IPv6 address", Pattern.compile("(?i)\\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}\\b"));
        PATTERNS.put("SSN", Pattern.compile("\\b[0-9]{3}-[0-9]{2}-[0-9]{4}\\b"));
        PATTERNS.put(
                "phone number", Pattern.compile("(?:\\+?1[ .-]?)?\\(?\\b[0-9]{3}\\)?[ .-][0-9]{3}[ .-][0-9]{4}\\b"));
        PATTERNS.put(
                "date", Pattern.compile("\\b[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\\b|\\b[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}\\b"));
        PATTERNS.put("number of five or more digits", Pattern.compile("[0-9]{5,}"));
    }

    private IdentifierPatterns() {}

    /** The kind of identifier the text contains, if any. */
    public static Optional<String> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, Pattern> entry : PATTERNS.entrySet()) {
            if (entry.getValue().matcher(text).find()) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }
}
