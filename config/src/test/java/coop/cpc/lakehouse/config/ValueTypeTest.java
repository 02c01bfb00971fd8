package coop.cpc.lakehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypeTest {

    @ParameterizedTest
    @CsvSource({
        "BYTE_LIMIT, 1024, 268435456",
        "SEGMENT_ROWS, 1024, 1048576",
        "TRANSACTION_CHANGES, 1024, 4194304",
        "COUNT, 1, 100000",
        "HOUR, 0, 23",
        "DAYS, 1, 36500",
        "PAGE_SIZE, 1, 10000",
        "HEARTBEAT_MS, 100, 3600000"
    })
    void aBoundedIntegerTypeAcceptsItsBoundsAndNamesThemForAValueOutside(ValueType type, long min, long max) {
        assertThat(type.problemWith(Long.toString(min))).isNull();
        assertThat(type.problemWith(" " + max + " ")).isNull();
        assertThat(type.problemWith(Long.toString(min - 1))).isEqualTo("must be from " + min + " to " + max);
        assertThat(type.problemWith(Long.toString(max + 1))).isEqualTo("must be from " + min + " to " + max);
        assertThat(type.problemWith("ten")).isEqualTo("must be an integer");
        assertThat(type.description()).contains(Long.toString(max));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "https://oauth2.googleapis.com/token",
                " HTTPS://Login.Example.coop:8443/oauth2/v1/token?tenant=x ",
                "http://127.0.0.1:18562/token",
                "http://localhost/token"
            })
    void aBrowserEndpointIsAnHttpsUrlOrPlainHttpToThisMachine(String url) {
        assertThat(ValueType.BROWSER_ENDPOINT.problemWith(url)).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://sso.example.coop/token | must not be reached over plain http on another machine (use https)",
                "http://127.0.0.1.example.coop/token | must not be reached over plain http on another machine",
                "http://127.0.0.2/token | must not be reached over plain http on another machine",
                "http://[::1]:9000/token | must not name an IPv6 address",
                "https://[2001:db8::1]/token | must not name an IPv6 address",
                "ftp://sso.example.coop/token | must be an absolute http(s) URL with a host",
                "/realms/lakehouse/token | must be an absolute http(s) URL with a host",
                "https:///token | must be an absolute http(s) URL with a host",
                "https://sso.example.coop/to ken | is not a URL",
                "https://user:secret@sso.example.coop/token | must name no user or password and no #fragment",
                "https://sso.example.coop/token#x | must name no user or password and no #fragment"
            })
    void aBrowserEndpointThatIsNotIsRefusedSayingWhy(String url, String problem) {
        assertThat(ValueType.BROWSER_ENDPOINT.problemWith(url)).startsWith(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "lakehouse", "lakehouse, console", " account "})
    void audiencesAreNamesSeparatedByCommasOrEmptyForNotChecked(String value) {
        assertThat(ValueType.AUDIENCES.problemWith(value)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {",", " , ", "lakehouse,", ",lakehouse", "lakehouse,,console"})
    void anAudienceListWithAnEmptyItemIsRefusedRatherThanLeftUnchecked(String value) {
        assertThat(ValueType.AUDIENCES.problemWith(value)).startsWith("holds an empty audience");
    }

    @Test
    void aBrowserEndpointIsAtMost2048Characters() {
        String prefix = "https://sso.example.coop/";
        assertThat(ValueType.BROWSER_ENDPOINT.problemWith(prefix + "t".repeat(2048 - prefix.length())))
                .isNull();
        assertThat(ValueType.BROWSER_ENDPOINT.problemWith(prefix + "t".repeat(2049 - prefix.length())))
                .isEqualTo("must be at most 2048 characters (it has 2049)");
    }
}
