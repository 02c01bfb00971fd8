package coop.cpc.lakehouse.ingest.http;

import static coop.cpc.lakehouse.testing.ServerThreads.onOneMebibyteStack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsrfGuardTest {

    private final SsrfGuard defaults = new SsrfGuard(Set.of());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/",
                "http://127.1.2.3:8080/x",
                "http://10.1.2.3/",
                "http://172.16.0.1/",
                "http://192.168.1.1/",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/",
                "http://0.0.0.0/",
                "http://[::]/",
                "http://100.64.0.1/",
                "http://[fd00::1]/",
                "http://[fe80::1]/",
                "http://224.0.0.1/",
                "http://255.255.255.255/",
                "http://[::ffff:10.0.0.1]/",
                "http://[::ffff:127.0.0.1]/",
                "http://[64:ff9b::a9fe:a9fe]/",
                "http://[2002:7f00:1::]/",
                "http://[::a00:1]/",
                "http://localhost/"
            })
    void refusesInternalAddressesByDefault(String url) {
        assertThatThrownBy(() -> defaults.check(URI.create(url)))
                .isInstanceOf(SsrfRefusedException.class)
                .hasMessageContaining("refused unless the source's allow-list names it");
    }

    @Test
    void namesTheAddressAndWhyItWasRefused() {
        assertThatThrownBy(() -> defaults.check(URI.create("http://169.254.169.254/latest?token=abc")))
                .hasMessage("http://169.254.169.254/latest?token=*: host '169.254.169.254' is 169.254.169.254,"
                        + " a link-local (169.254.0.0/16) address; refused unless the source's allow-list names it");
    }

    @Test
    void aRefusalDoesNotTellWhatANameResolvesTo() throws Exception {
        InetAddress internal = InetAddress.getByAddress("payroll-db.corp.internal", new byte[] {10, 20, 30, 40});
        SsrfGuard guard = new SsrfGuard(Set.of(), host -> new InetAddress[] {internal});
        assertThatThrownBy(() -> guard.check(URI.create("https://payroll-db.corp.internal/x")))
                .isInstanceOf(SsrfRefusedException.class)
                .message()
                .doesNotContain("10.20.30.40")
                .doesNotContain("private")
                .contains("not public");
    }

    @Test
    void refusesSchemesOtherThanHttp() {
        assertThatThrownBy(() -> defaults.check(URI.create("file:///etc/passwd")))
                .isInstanceOf(SsrfRefusedException.class)
                .hasMessageContaining("scheme 'file' refused");
        assertThatThrownBy(() -> defaults.check(URI.create("gopher://example.com/")))
                .isInstanceOf(SsrfRefusedException.class);
    }

    @Test
    void allowsLoopbackOnlyWhenAllowListed() {
        SsrfGuard guard = new SsrfGuard(Set.of("127.0.0.1"));
        assertThatCode(() -> guard.check(URI.create("http://127.0.0.1:8080/api")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.check(URI.create("http://127.0.0.2/api")))
                .isInstanceOf(SsrfRefusedException.class);
        assertThatThrownBy(() -> guard.check(URI.create("http://10.0.0.1/api")))
                .isInstanceOf(SsrfRefusedException.class);
    }

    @Test
    void checksEveryAddressAHostResolvesTo() throws Exception {
        InetAddress publicAddress =
                InetAddress.getByAddress("api.example.com", new byte[] {93, (byte) 184, (byte) 216, 34});
        InetAddress privateAddress = InetAddress.getByAddress("api.example.com", new byte[] {10, 0, 0, 5});
        SsrfGuard onePrivate = new SsrfGuard(Set.of(), host -> new InetAddress[] {publicAddress, privateAddress});
        assertThatThrownBy(() -> onePrivate.check(URI.create("https://api.example.com/v1")))
                .hasMessage("https://api.example.com/v1: host 'api.example.com' resolves to an address that is not"
                        + " public; refused unless the source's allow-list names it");
        SsrfGuard allPublic = new SsrfGuard(Set.of(), host -> new InetAddress[] {publicAddress});
        assertThatCode(() -> allPublic.check(URI.create("https://api.example.com/v1")))
                .doesNotThrowAnyException();
        SsrfGuard named = new SsrfGuard(Set.of("API.example.com"), host -> new InetAddress[] {privateAddress});
        assertThatCode(() -> named.check(URI.create("https://api.example.com/v1")))
                .doesNotThrowAnyException();
    }

    /** A resolver that fails the test: IP literals must be judged without DNS, and nothing connects. */
    private static final SsrfGuard.Resolver NO_LOOKUP = host -> {
        throw new AssertionError("the guard asked DNS about '" + host + "'");
    };

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://198.18.0.1/",
                "http://198.19.255.254/",
                "http://192.0.0.8/",
                "http://192.0.2.10/",
                "http://198.51.100.7/",
                "http://203.0.113.9/",
                "http://192.88.99.1/",
                "http://192.31.196.1/",
                "http://192.52.193.1/",
                "http://192.175.48.1/",
                "http://240.0.0.1/",
                "http://239.1.2.3/",
                "http://[100::1]/",
                "http://[2001:db8::1]/",
                "http://[2001::1]/",
                "http://[2001:2::1]/",
                "http://[3fff::1]/",
                "http://[64:ff9b:1::1]/",
                "http://[fec0::1]/",
                "http://[ff02::1]/",
                "http://[5f00::1]/",
                "http://[64:ff9b::c612:1]/",
                "http://[2002:c000:201::1]/",
                "http://[::ffff:c633:6407]/",
                "http://[4000::1]/",
                "http://[2620:4f:8000::1]/"
            })
    void refusesEveryIanaSpecialPurposeBlockWithoutAskingDns(String url) {
        SsrfGuard guard = new SsrfGuard(Set.of(), NO_LOOKUP);
        assertThatThrownBy(() -> guard.check(URI.create(url)))
                .isInstanceOf(SsrfRefusedException.class)
                .hasMessageContaining("refused unless the source's allow-list names it");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://0177.0.0.1/",
                "http://0x7f.1/",
                "http://0x7f000001/",
                "http://2130706433/",
                "http://127.1/",
                "http://127.0.1/",
                "http://017700000001/",
                "http://127.0.0.01/",
                "http://127.0.0.1./",
                "http://1.2.3.4.5/",
                "http://256.1.1.1/",
                "http://foo.0x10/",
                "http://example.123/"
            })
    void refusesNumericHostsThatAreNotPlainDottedQuadsBeforeAnyLookup(String url) {
        SsrfGuard guard = new SsrfGuard(Set.of("127.0.0.1"), NO_LOOKUP);
        assertThatThrownBy(() -> guard.check(URI.create(url))).isInstanceOf(SsrfRefusedException.class);
        String host = url.substring("http://".length(), url.length() - 1);
        assertThatThrownBy(() -> guard.checkHost(host, host))
                .isInstanceOf(SsrfRefusedException.class)
                .hasMessageContaining("not a plain dotted quad");
    }

    @Test
    void refusesIpv6ZoneIds() {
        SsrfGuard guard = new SsrfGuard(Set.of(), NO_LOOKUP);
        assertThatThrownBy(() -> guard.checkHost("pg", "fe80::1%eth0"))
                .isInstanceOf(SsrfRefusedException.class)
                .hasMessageContaining("zone id");
    }

    @Test
    void acceptsPublicLiteralsWithoutAskingDns() {
        SsrfGuard guard = new SsrfGuard(Set.of(), NO_LOOKUP);
        for (String url : new String[] {
            "http://93.184.216.34/",
            "http://8.8.8.8:8080/x",
            "http://[2606:4700::1111]/",
            "http://[64:ff9b::808:808]/",
            "http://[2002:808:808::1]/",
            "http://198.20.0.1/",
            "http://192.0.3.1/"
        }) {
            assertThatCode(() -> guard.check(URI.create(url))).as(url).doesNotThrowAnyException();
        }
    }

    @Test
    void judgesResolvedNamesByTheSameRegistry() throws Exception {
        InetAddress benchmarking = InetAddress.getByAddress("bench.example.org", new byte[] {(byte) 198, 18, 0, 1});
        SsrfGuard guard = new SsrfGuard(Set.of(), host -> new InetAddress[] {benchmarking});
        assertThatThrownBy(() -> guard.check(URI.create("https://bench.example.org/")))
                .isInstanceOf(SsrfRefusedException.class)
                .hasMessageContaining("resolves to an address that is not public");
    }

    @Test
    void allowListTakesIpv6Literals() {
        SsrfGuard guard = new SsrfGuard(Set.of("[::1]"));
        assertThatCode(() -> guard.check(URI.create("http://[0:0:0:0:0:0:0:1]:9000/")))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAHostLongerThanDnsAllows() throws InterruptedException {
        // The unbounded pattern overflowed a 1 MiB stack from about 6,000 characters on.
        String host = "a.".repeat(5000) + "example";

        String refused = onOneMebibyteStack(() -> {
            try {
                defaults.check(URI.create("http://" + host + "/x"));
                return "passed";
            } catch (java.io.IOException e) {
                return e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        });

        assertThat(refused)
                .startsWith("SsrfRefusedException: ")
                .contains("host '" + host.substring(0, SsrfGuard.SHOWN_HOST_CHARS)
                        + "…' is not a valid host name: 10007" + " characters, more than 253")
                .hasSizeLessThan(700);
    }

    @Test
    void aHostOfTheLongestLengthDnsAllowsIsJudgedByItsForm() {
        String longest = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);

        assertThat(SsrfGuard.formProblem(longest)).isNull();
        assertThat(SsrfGuard.formProblem(longest + ".")).isNull();
        assertThat(SsrfGuard.formProblem(longest + "d")).startsWith("is not a valid host name: 254 characters");
    }
}
