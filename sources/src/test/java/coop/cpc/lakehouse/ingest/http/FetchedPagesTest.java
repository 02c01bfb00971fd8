package coop.cpc.lakehouse.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class FetchedPagesTest {

    @Test
    void remembersEveryPageItWasToldOfAcrossGrowth() {
        FetchedPages fetched = new FetchedPages();
        for (int page = 1; page <= 10_000; page++) {
            assertThat(fetched.add(URI.create("https://api.example/v?after=c" + page), page))
                    .isZero();
        }

        assertThat(fetched.add(URI.create("https://api.example/v?after=c1"), 10_001))
                .isEqualTo(1);
        assertThat(fetched.add(URI.create("https://api.example/v?after=c7777"), 10_001))
                .isEqualTo(7777);
        assertThat(fetched.add(URI.create("https://api.example/v?after=c10001"), 10_001))
                .isZero();
    }
}
