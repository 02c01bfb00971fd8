package coop.cpc.lakehouse.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class GlobPatternTest {

    @Test
    @Timeout(5)
    void manyStarsAgainstALongNameFinishAtOnce() {
        // 23 stars + 'q' against 30 characters held the JDK's regex matcher for 5.5 minutes of CPU.
        GlobPattern glob = GlobPattern.compile("*".repeat(23) + "q");
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            assertThat(glob.matches("a".repeat(30))).isFalse();
        }
        String worst = "*a".repeat(127) + "q";
        assertThat(GlobPattern.compile(worst).matches("a".repeat(4096))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void agreesWithTheJdkGlobOnOrdinaryPatterns() {
        List<String> patterns = List.of(
                "*",
                "*.csv",
                "*.{csv,ndjson,csv.gz}",
                "vitals-*.{ndjson,json.gz}",
                "a?c*",
                "[a-c]*.csv",
                "[!a-c]*",
                "*[0-9].json",
                "x{,y}z",
                "*.c*v",
                "*-*-*.csv");
        List<String> names = List.of(
                "a.csv",
                "b.ndjson",
                "c.csv.gz",
                "vitals-1.ndjson",
                "vitals-2.json.gz",
                "abc",
                "abcd.csv",
                "d.csv",
                "file9.json",
                "xz",
                "xyz",
                "a.cv",
                "]x",
                "2024-01-02.csv",
                "q",
                ".csv",
                "a.csvx");
        for (String p : patterns) {
            PathMatcher jdk = FileSystems.getDefault().getPathMatcher("glob:" + p);
            GlobPattern ours = GlobPattern.compile(p);
            for (String n : names) {
                assertThat(ours.matches(n)).as(p + " vs " + n).isEqualTo(jdk.matches(Path.of(n)));
            }
        }
    }

    @Test
    void agreesWithTheJdkOnRandomStarPatterns() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            String p = randomOver("ab*?", 1 + random.nextInt(8), random);
            String n = randomOver("ab", random.nextInt(10), random);
            boolean jdk = FileSystems.getDefault().getPathMatcher("glob:" + p).matches(Path.of(n.isEmpty() ? "." : n));
            if (!n.isEmpty()) {
                assertThat(GlobPattern.compile(p).matches(n)).as(p + " vs " + n).isEqualTo(jdk);
            }
        }
    }

    private static String randomOver(String alphabet, int length, Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Test
    void refusesPatternsThatCannotBeFileNameGlobs() {
        assertThatThrownBy(() -> GlobPattern.compile("[abc")).hasMessage("glob has a '[' that is not closed");
        assertThatThrownBy(() -> GlobPattern.compile("*.{csv")).hasMessage("glob has a '{' that is not closed");
        assertThatThrownBy(() -> GlobPattern.compile("a}")).hasMessage("glob has a '}' without its '{'");
        assertThatThrownBy(() -> GlobPattern.compile("{a,{b,c}}")).hasMessage("glob must not nest braces");
        assertThatThrownBy(() -> GlobPattern.compile("a\u0000.csv"))
                .hasMessage("glob must not hold control characters (such as NUL)");
        assertThatThrownBy(() -> GlobPattern.compile("../*.csv")).hasMessageContaining("separators");
        assertThatThrownBy(() -> GlobPattern.compile("..csv")).hasMessage("glob must not contain '..'");
        assertThatThrownBy(() -> GlobPattern.compile("*".repeat(257))).hasMessage("glob is longer than 256 characters");
        assertThatThrownBy(() -> GlobPattern.compile("{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}"))
                .hasMessage("glob expands to more than 64 alternatives");
        assertThatThrownBy(() -> GlobPattern.compile("[z-a]"))
                .hasMessage("glob has a character range that runs backwards");
        assertThatThrownBy(() -> GlobPattern.compile("")).hasMessage("glob must not be empty");
    }
}
