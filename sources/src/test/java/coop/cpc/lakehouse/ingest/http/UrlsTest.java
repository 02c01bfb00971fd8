package coop.cpc.lakehouse.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void lineageUriDropsUserInfoQueryAndFragment() {
        assertThat(Urls.withoutQuery(URI.create("https://u:p@API.example.com:8443/v1/visits?key=secret#x")))
                .isEqualTo("https://api.example.com:8443/v1/visits");
        assertThat(Urls.withoutQuery(URI.create("https://api.example.com"))).isEqualTo("https://api.example.com/");
    }

    @Test
    void redactedUriKeepsParameterNamesOnly() {
        assertThat(Urls.redacted(URI.create("https://api.example.com/v1?api_key=secret&offset=20&flag")))
                .isEqualTo("https://api.example.com/v1?api_key=*&offset=*&flag=*");
    }

    @Test
    void sameOriginComparesSchemeHostAndEffectivePort() {
        URI base = URI.create("https://api.example.com/v1");
        assertThat(Urls.sameOrigin(base, URI.create("https://API.example.com:443/v2?page=2")))
                .isTrue();
        assertThat(Urls.sameOrigin(base, URI.create("http://api.example.com/v1")))
                .isFalse();
        assertThat(Urls.sameOrigin(base, URI.create("https://api.example.com:8443/v1")))
                .isFalse();
        assertThat(Urls.sameOrigin(base, URI.create("https://evil.example.com/v1")))
                .isFalse();
    }

    @Test
    void withParamReplacesTheParameterAndEncodesTheValue() {
        assertThat(Urls.withParam(URI.create("https://a.example/x?cursor=old&q=1"), "cursor", "a b&c"))
                .hasToString("https://a.example/x?q=1&cursor=a+b%26c");
        assertThat(Urls.param(URI.create("https://a.example/x?cursor=a+b%26c"), "cursor"))
                .contains("a b&c");
    }

    @Test
    void redactedUriAbbreviatesALongPath() {
        URI uri = URI.create("https://api.example.com/" + "v.".repeat(2500) + "x?page=2");

        assertThat(Urls.redacted(uri))
                .isEqualTo("https://api.example.com/" + "v.".repeat(Urls.SHOWN_PATH_CHARS / 2 - 1) + "v…?page=*");
    }
}
