package coop.cpc.lakehouse.ingest.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SsrfGuardTest {

    private final SsrfGuard defaults = new SsrfGuard(Set.of());

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://127.1.2.3:8080/x", "http://10.1.2.3/", "http://172.16.0.1/",
            "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0.0.0.0/",
            "http://[::]/", "http://100.64.0.1/", "http://[fd00::1]/", "http://[fe80::1]/", "http://224.0.0.1/",
            "http://255.255.255.255/", "http://[::ffff:10.0.0.1]/", "http://[::ffff:127.0.0.1]/",
            "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:7f00:1::]/", "http://[::a00:1]/", "http://localhost/"})
    void refusesInternalAddressesByDefault(String url) {
        assertThatThrownBy(() -> defaults.check(URI.create(url)))
                .isInstanceOf(SsrfRefusedException.class)
                .hasMessageContaining("refused unless the source's allow-list names it");
    }

    @Test
    void namesTheAddressAndWhyItWasRefused() {
        assertThatThrownBy(() -> defaults.check(URI.create("http://169.254.169.254/latest?token=abc")))
                .hasMessage("http://169.254.169.254/latest?token=*: host '169.254.169.254' is 169.254.169.254,"
                        + " a link-local address; refused unless the source's allow-list names it");
    }

    @Test
    void refusesSchemesOtherThanHttp() {
        assertThatThrownBy(() -> defaults.check(URI.create("file:///etc/passwd")))
                .isInstanceOf(SsrfRefusedException.class).hasMessageContaining("scheme 'file' refused");
        assertThatThrownBy(() -> defaults.check(URI.create("gopher://example.com/")))
                .isInstanceOf(SsrfRefusedException.class);
    }

    @Test
    void allowsLoopbackOnlyWhenAllowListed() {
        SsrfGuard guard = new SsrfGuard(Set.of("127.0.0.1"));
        assertThatCode(() -> guard.check(URI.create("http://127.0.0.1:8080/api"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.check(URI.create("http://127.0.0.2/api"))).isInstanceOf(SsrfRefusedException.class);
        assertThatThrownBy(() -> guard.check(URI.create("http://10.0.0.1/api"))).isInstanceOf(SsrfRefusedException.class);
    }

    @Test
    void checksEveryAddressAHostResolvesTo() throws Exception {
        InetAddress publicAddress = InetAddress.getByAddress("api.example.com", new byte[] {93, (byte) 184, (byte) 216, 34});
        InetAddress privateAddress = InetAddress.getByAddress("api.example.com", new byte[] {10, 0, 0, 5});
        SsrfGuard onePrivate = new SsrfGuard(Set.of(), host -> new InetAddress[] {publicAddress, privateAddress});
        assertThatThrownBy(() -> onePrivate.check(URI.create("https://api.example.com/v1")))
                .hasMessageContaining("is 10.0.0.5, a private address");
        SsrfGuard allPublic = new SsrfGuard(Set.of(), host -> new InetAddress[] {publicAddress});
        assertThatCode(() -> allPublic.check(URI.create("https://api.example.com/v1"))).doesNotThrowAnyException();
        SsrfGuard named = new SsrfGuard(Set.of("API.example.com"), host -> new InetAddress[] {privateAddress});
        assertThatCode(() -> named.check(URI.create("https://api.example.com/v1"))).doesNotThrowAnyException();
    }

    @Test
    void allowListTakesIpv6Literals() {
        SsrfGuard guard = new SsrfGuard(Set.of("[::1]"));
        assertThatCode(() -> guard.check(URI.create("http://[0:0:0:0:0:0:0:1]:9000/"))).doesNotThrowAnyException();
    }
}
