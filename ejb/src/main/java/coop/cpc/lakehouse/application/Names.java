package coop.cpc.lakehouse.application;

import java.util.regex.Pattern;

/** The one rule for names of namespaces, assets, columns and tags: safe as SQL identifiers and file names. */
public final class Names {
    public static final String RULE = "[a-z][a-z0-9_]{0,62}";
    private static final Pattern PATTERN = Pattern.compile(RULE);

    private Names() {}

    /** Whether {@code value} follows the rule. */
    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    /** @throws InvalidInputException naming the field when {@code value} breaks the rule */
    public static String require(String field, String value) throws InvalidInputException {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(field + " is required");
        }
        if (!PATTERN.matcher(value).matches()) {
            throw new InvalidInputException(field + " '" + abbreviate(value) + "' is not a valid name: expected " + RULE
                    + " (a lower-case letter, then up to 62 lower-case letters, digits or '_')");
        }
        return value;
    }

    /** Keeps an echoed bad value short, so an error cannot be used to reflect large input. */
    public static String abbreviate(String value) {
        return value.length() <= 70 ? value : value.substring(0, 67) + "...";
    }
}
