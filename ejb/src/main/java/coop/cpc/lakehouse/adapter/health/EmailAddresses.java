package coop.cpc.lakehouse.adapter.health;

/**
 * Whether text holds something that looks like an e-mail address: an at-sign ('@', full-width '＠' or small '﹫')
 * right after a character of a local part (a letter, combining mark, digit or other number, a closing quote of a quoted local part, or
 * one of {@code ._%+-}, in any script), followed by a domain: characters of a domain name (letters, marks, digits,
 * numbers, '.', '-', and the full-width and ideographic full stops) holding, after its first character, a dot and two letters
 * (the top-level domain). Format characters (zero-width space, soft hyphen, byte order mark: invisible on screen) are
 * passed over before the at-sign and in the domain, and so is a line break right after a dot of the domain.
 *
 * <p>Every text the earlier pattern {@code [A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}} matched is found: its
 * match's last local-part character precedes an '@' whose domain run holds, after its first character, a '.' and two
 * ASCII letters. A domain without a dot and a letter top-level domain ({@code 5mg@8h}, {@code q@6h}, {@code
 * 120/80@rest}: clinical shorthand) is not an address.
 *
 * <p>A hand scan, linear in the text's length: each character is read by the search for at-signs and at most once
 * more, by the read of the domain that follows one (a domain holds no at-sign, so no two of them overlap), and once
 * before an at-sign.
 */
final class EmailAddresses {
    private EmailAddresses() {}

    /** Whether {@code text} holds an address (see the class comment). */
    static boolean foundIn(CharSequence text) {
        int length = text.length();
        int at = 0;
        while (at < length) {
            if (!isAtSign(text.charAt(at))) {
                at++;
                continue;
            }
            int before = skipInvisibleBackwards(text, at);
            if (before == 0 || !endsALocalPart(Character.codePointBefore(text, before))) {
                at++;
                continue;
            }
            int end = domainEnd(text, at + 1);
            if (end < 0) {
                return true;
            }
            at = end; // the character that ended the domain, perhaps the next at-sign
        }
        return false;
    }

    /**
     * Reads the domain that starts at {@code from}.
     *
     * @return -1 when it holds, after its first character, a dot followed by two letters; else the index just after
     *     it
     */
    private static int domainEnd(CharSequence text, int from) {
        int length = text.length();
        int i = from;
        // Letters read since the last dot that is not the domain's first character; -1: none such dot yet, or a
        // character other than a letter or mark came after it.
        int lettersAfterDot = -1;
        while (i < length) {
            int c = Character.codePointAt(text, i);
            if (isInvisible(c) || (lettersAfterDot == 0 && (c == '\n' || c == '\r'))) {
                // Text copied from web pages and PDFs carries zero-width and soft-hyphen characters, and breaks a
                // line after a domain's dot: an address does not end there.
            } else if (isDot(c)) {
                lettersAfterDot = i > from ? 0 : -1;
            } else if (Character.isLetter(c)) {
                if (lettersAfterDot >= 0 && ++lettersAfterDot == 2) {
                    return -1;
                }
            } else if (isMark(c)) {
                lettersAfterDot = lettersAfterDot > 0 ? lettersAfterDot : -1;
            } else if (isNumber(c) || c == '-') {
                lettersAfterDot = -1;
            } else {
                break;
            }
            i += Character.charCount(c);
        }
        return i;
    }

    /** Where the invisible characters ({@link #isInvisible}) right before {@code index} begin. */
    private static int skipInvisibleBackwards(CharSequence text, int index) {
        int i = index;
        while (i > 0 && isInvisible(Character.codePointBefore(text, i))) {
            i -= Character.charCount(Character.codePointBefore(text, i));
        }
        return i;
    }

    /** A format character (zero-width space and joiners, soft hyphen, byte order mark, word joiner: {@code \p{Cf}}). */
    private static boolean isInvisible(int c) {
        return Character.getType(c) == Character.FORMAT;
    }

    private static boolean isAtSign(char c) {
        return c == '@' || c == '\uFF20' || c == '\uFE6B';
    }

    private static boolean endsALocalPart(int c) {
        return Character.isLetter(c) || isMark(c) || isNumber(c) || "._%+-\"".indexOf(c) >= 0;
    }

    /** A digit of any script, or another number character ({@code \p{N}}). */
    private static boolean isNumber(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** '.', and the full-width and ideographic full stops that separate the labels of a domain name too. */
    private static boolean isDot(int c) {
        return c == '.' || c == '\uFF0E' || c == '\u3002' || c == '\uFF61';
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
