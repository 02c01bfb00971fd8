package coop.cpc.lakehouse.adapter.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Text that looks like a Safe Harbor identifier whatever column it is in: e-mail addresses, URLs,
 * IP addresses, SSNs, phone and fax numbers, full dates, five-digit ZIP codes, and any run of five or
 * more digits (record, plan, account, licence, device numbers).
 *
 * <p>A search takes steps linear in the text's length: no pattern has an unbounded repetition that can meet a long run
 * of text, and e-mail addresses are found by a hand scan ({@link EmailAddresses}): an '@' (or a full-width '＠' or
 * small '﹫') after a character of a local part, in any script or a quoted one, before a domain holding a dot and a
 * top-level domain of two letters or more. It finds every address the earlier pattern ({@code
 * [A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}}, quadratic on a long run without '@') found, and the ones it missed:
 * a non-ASCII local part or domain, a quoted local part, a padded domain. Clinical shorthand such as {@code 5mg@8h} or
 * {@code BP 120/80@rest} (no dot and letters after the '@') is no address.
 */
public final class IdentifierPatterns {
    private static final Map<String, Predicate<String>> PATTERNS = new LinkedHashMap<>();

    static {
        PATTERNS.put("e-mail address", EmailAddresses::foundIn);
        PATTERNS.put(
                "URL",
                Pattern.compile("(?i)\\b(?:https?|ftp)://\\S+|\\bwww\\.\\S+").asPredicate());
        PATTERNS.put(
                "IPv4 address",
                Pattern.compile("\\b(?:[0-9]{1,3}\\.){3}[0-9]{1,3}\\b").asPredicate());
        PATTERNS.put(
                "IPv6 address",
                Pattern.compile("(?i)\\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}\\b")
                        .asPredicate());
        PATTERNS.put("SSN", Pattern.compile("\\b[0-9]{3}-[0-9]{2}-[0-9]{4}\\b").asPredicate());
        PATTERNS.put(
                "phone number",
                Pattern.compile("(?:\\+?1[ .-]?)?\\(?\\b[0-9]{3}\\)?[ .-][0-9]{3}[ .-][0-9]{4}\\b")
                        .asPredicate());
        PATTERNS.put(
                "date",
                Pattern.compile("\\b[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\\b|\\b[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}\\b")
                        .asPredicate());
        PATTERNS.put(
                "number of five or more digits", Pattern.compile("[0-9]{5,}").asPredicate());
    }

    private IdentifierPatterns() {}

    /** The kind of identifier the text contains, if any. */
    public static Optional<String> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, Predicate<String>> entry : PATTERNS.entrySet()) {
            if (entry.getValue().test(text)) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }
}
