package coop.cpc.lakehouse.adapter.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierPatternsTest {
    /** The e-mail pattern before its quantifiers were bounded: quadratic on a long run without '@'. */
    private static final Pattern UNBOUNDED_EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    /**
     * A mebibyte without '@' took the unbounded pattern hours (quadratic: 235 s at 80 KB); the check looks at three
     * characters from each start. The time-out only guards the build; the assertion is that the address at the
     * end is still found.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void findsAnAddressAtTheEndOfAMebibyteWithoutSpaces() {
        String blob = "QUJD".repeat(256 * 1024);

        assertThat(IdentifierPatterns.find(blob + " ann.lee@example.org")).contains("e-mail address");
        assertThat(IdentifierPatterns.find("a @ ".repeat(256 * 1024))).isEmpty();
    }

    @Test
    void findsAnAddressWhoseLocalPartIsLongerThanAnAddressMayHave() {
        assertThat(IdentifierPatterns.find("x".repeat(200) + "@example.org")).contains("e-mail address");
        assertThat(IdentifierPatterns.find("ann@" + "mail.".repeat(40) + "example.org"))
                .contains("e-mail address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "josé@example.com",
                "info@münchen.de",
                "jörg@bücher.de",
                "jo\u0308rg@bu\u0308cher.de",
                "\"john doe\"@example.com",
                "john＠example.com",
                "john＠example．com",
                "ann﹫example.org",
                "иван@почта.рф",
            })
    void findsAnAddressThePatternOfPlainAsciiAddressesMisses(String text) {
        assertThat(IdentifierPatterns.find(text)).contains("e-mail address");
    }

    /** Text copied from web pages and PDFs: invisible format characters, and a line broken after a domain's dot. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "ann@exa\u200Bmple.org",
                "ann@exam\u00ADple.org",
                "ann@example.\uFEFForg",
                "ann@example.o\u2060rg",
                "ann\u200B@example.org",
                "ann@\u200Bexample.org",
                "ann@example.\norg",
                "ann@example.\r\norg",
            })
    void findsAnAddressCarryingInvisibleCharactersOrALineBreakAfterADot(String text) {
        assertThat(IdentifierPatterns.find(text)).contains("e-mail address");
    }

    /** Padded or obfuscated addresses the bounded pattern alone no longer found (no short last label near the '@'). */
    @Test
    void findsAnAddressWhoseDomainIsLongerThanADomainMayBe() {
        assertThat(IdentifierPatterns.find("john@" + "b".repeat(300) + ".com")).contains("e-mail address");
        assertThat(IdentifierPatterns.find("john@" + "a.".repeat(150) + "com")).contains("e-mail address");
        assertThat(IdentifierPatterns.find("john@" + "b".repeat(260) + ".example.com"))
                .contains("e-mail address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"meet @ noon", "@handle", "price: 3 @ 4.50", "trailing@"})
    void anAtSignNotBetweenAddressCharactersIsNoAddress(String text) {
        assertThat(IdentifierPatterns.find(text)).isEmpty();
    }

    /** Clinical shorthand kept free-text columns out of research extracts: no dot and letters after the '@'. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "5mg@8h",
                "q@6h",
                "BP 120/80@rest",
                "q8h@night",
                "BP@rest",
                "2 tabs@bedtime, 1@noon",
                "1 tab@8h.q6h",
                "write to ann@b and ask"
            })
    void anAtSignBeforeNoDotAndTopLevelDomainIsNoAddress(String text) {
        assertThat(IdentifierPatterns.find(text)).isEmpty();
    }

    /**
     * On text of realistic lengths an address is found whenever the unbounded pattern found one (the check flags more:
     * addresses in other scripts, quoted local parts).
     */
    @Property(tries = 2000)
    void findsAnAddressWheneverTheUnboundedPatternDid(
            @ForAll
                    @StringLength(max = 60)
                    @Chars({'a', 'B', 'x', '7', '.', '-', '_', '@', ' ', '%', 'ö', '＠', '"', '+'})
                    String text) {
        boolean before = UNBOUNDED_EMAIL.matcher(text).find();

        // The e-mail check is tried first, so it is the kind found whenever it matches.
        if (before) {
            assertThat(IdentifierPatterns.find(text)).as(text).contains("e-mail address");
        }
    }

    /** On ASCII text without quotes the scan finds exactly what the unbounded pattern finds: no more, no less. */
    @Property(tries = 5000)
    void onAsciiTextFindsAnAddressExactlyWhenTheUnboundedPatternDoes(
            @ForAll @StringLength(max = 24) @Chars({'a', 'Z', '7', '.', '-', '%', '@', ' ', '/'}) String text) {
        assertThat(EmailAddresses.foundIn(text))
                .as(text)
                .isEqualTo(UNBOUNDED_EMAIL.matcher(text).find());
    }

    /**
     * The scan reads each character a bounded number of times, on a mebibyte without '@' and on one of 10^5 at-signs
     * each before a domain without a top-level domain (the domains read do not overlap).
     */
    @Test
    void readsEachCharacterAtMostThreeTimes() {
        CountedReads noAtSign = new CountedReads("QUJD".repeat(256 * 1024));
        CountedReads manyAtSigns = new CountedReads("x@8h.5-q7.".repeat(100_000));

        assertThat(EmailAddresses.foundIn(noAtSign)).isFalse();
        assertThat(EmailAddresses.foundIn(manyAtSigns)).isFalse();
        assertThat(noAtSign.reads).isLessThanOrEqualTo(3L * noAtSign.length());
        assertThat(manyAtSigns.reads).isLessThanOrEqualTo(3L * manyAtSigns.length());
        assertThat(EmailAddresses.foundIn(new CountedReads("x@8h.5-q7.".repeat(100_000) + "ann@example.org")))
                .isTrue();
    }

    /** Text that counts how often its characters are read. */
    private static final class CountedReads implements CharSequence {
        private final String text;
        long reads;

        CountedReads(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            reads++;
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            throw new UnsupportedOperationException("the scan reads characters one by one");
        }

        @Override
        public String toString() {
            throw new UnsupportedOperationException("the scan reads characters one by one");
        }
    }
}
