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

class IdentifierPatternsTest {
    /** The e-mail pattern before its quantifiers were bounded: quadratic on a long run without '@'. */
    private static final Pattern UNBOUNDED_EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    /**
     * A mebibyte without '@' took the unbounded pattern hours (quadratic: 235 s at 80 KB); the bounded one scans each
     * start at most 64 characters ahead. The time-out only guards the build; the assertion is that the address at the
     * end is still found.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void findsAnAddressAtTheEndOfAMebibyteWithoutSpaces() {
        String blob = "QUJD".repeat(256 * 1024);

        assertThat(IdentifierPatterns.find(blob + " ann.lee@example.org")).contains("e-mail address");
        assertThat(IdentifierPatterns.find("a@" + "a.".repeat(128 * 1024))).isEmpty();
    }

    @Test
    void findsAnAddressWhoseLocalPartIsLongerThanAnAddressMayHave() {
        assertThat(IdentifierPatterns.find("x".repeat(200) + "@example.org")).contains("e-mail address");
        assertThat(IdentifierPatterns.find("ann@" + "mail.".repeat(40) + "example.org"))
                .contains("e-mail address");
    }

    /** On text of realistic lengths the bounded pattern finds an address exactly when the unbounded one did. */
    @Property(tries = 2000)
    void findsAnAddressExactlyWhenTheUnboundedPatternDid(
            @ForAll @StringLength(max = 60) @Chars({'a', 'B', 'x', '7', '.', '-', '_', '@', ' ', '%'}) String text) {
        boolean before = UNBOUNDED_EMAIL.matcher(text).find();

        // The e-mail pattern is tried first, so it is the kind found whenever it matches.
        assertThat(IdentifierPatterns.find(text)
                        .filter("e-mail address"::equals)
                        .isPresent())
                .as(text)
                .isEqualTo(before);
    }
}
