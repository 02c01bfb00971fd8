package coop.cpc.lakehouse.ingest.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every limit a job sets has an upper bound; beyond it the configuration is refused naming the field. */
class HttpSourceLimitsTest {

    private static HttpSourceConfig.Builder config() {
        return HttpSourceConfig.builder(URI.create("http://127.0.0.1:1/x"));
    }

    @Test
    void limitsAboveTheirUpperBoundsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> config().maxResponseBytes(Long.MAX_VALUE).build())
                .hasMessage("maxResponseBytes must be at most 67108864, not 9223372036854775807");
        assertThatThrownBy(() -> config().maxPages(Integer.MAX_VALUE).build())
                .hasMessage("maxPages must be at most 1000000, not 2147483647");
        assertThatThrownBy(() -> config().maxRetries(Integer.MAX_VALUE).build())
                .hasMessage("maxRetries must be at most 10, not 2147483647");
        assertThatThrownBy(() -> config().readTimeout(Duration.ofSeconds(Integer.MAX_VALUE))
                        .build())
                .hasMessage("readTimeoutSeconds must be at most 600, not 2147483647");
        assertThatThrownBy(
                        () -> config().connectTimeout(Duration.ofSeconds(121)).build())
                .hasMessage("connectTimeoutSeconds must be at most 120, not 121");
        assertThatThrownBy(() -> new Pagination.Offset("offset", "limit", Integer.MAX_VALUE, 0))
                .hasMessage("pageSize must be from 1 to 100000, not 2147483647");
    }

    @Test
    void limitsAtTheirUpperBoundsAreAccepted() {
        config().maxResponseBytes(HttpSourceConfig.MAX_RESPONSE_BYTES)
                .maxPages(HttpSourceConfig.MAX_PAGES)
                .maxRetries(HttpSourceConfig.MAX_RETRIES)
                .readTimeout(HttpSourceConfig.MAX_READ_TIMEOUT)
                .connectTimeout(HttpSourceConfig.MAX_CONNECT_TIMEOUT)
                .build();
    }
}
