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
                "\"john doe\"@example.com",
                "john＠example.com",
                "write to ann@b and ask",
            })
    void findsAnAddressThePatternOfPlainAsciiAddressesMisses(String text) {
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

    /**
     * On text of realistic lengths an address is found whenever the unbounded pattern found one (the check flags more:
     * any '@' between address characters).
     */
    @Property(tries = 2000)
    void findsAnAddressWheneverTheUnboundedPatternDid(
            @ForAll @StringLength(max = 60) @Chars({'a', 'B', 'x', '7', '.', '-', '_', '@', ' ', '%'}) String text) {
        boolean before = UNBOUNDED_EMAIL.matcher(text).find();

        // The e-mail check is tried first, so it is the kind found whenever it matches.
        if (before) {
            assertThat(IdentifierPatterns.find(text)).as(text).contains("e-mail address");
        }
    }
}
