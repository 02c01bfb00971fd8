package coop.cpc.lakehouse.application;

/**
 * The rule for free text the catalog stores (descriptions, job names, source settings): PostgreSQL's text holds
 * no NUL character (the write fails), and a lone surrogate is not Unicode (UTF-8 turns it into '?' silently).
 */
public final class FreeText {

    private FreeText() {}

    /** @throws InvalidInputException naming the field and the position of a NUL or a lone surrogate */
    public static String require(String field, String value) throws InvalidInputException {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                throw new InvalidInputException(
                        field + " must not contain NUL characters (U+0000, at index " + i + ")");
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInputException(field + " is not valid Unicode: a lone surrogate U+"
                        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + " at index " + i);
            }
        }
        return value;
    }
}
