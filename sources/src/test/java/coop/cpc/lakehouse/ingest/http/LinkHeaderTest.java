package coop.cpc.lakehouse.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {

    @Test
    void findsNextAmongOtherRelations() {
        assertThat(
                        LinkHeader.next(
                                List.of(
                                        "<https://api.example.com/items?page=1>; rel=\"first\", <https://api.example.com/items?page=3>; rel=\"next\"")))
                .contains("https://api.example.com/items?page=3");
    }

    @Test
    void acceptsUnquotedAndMultiValuedRel() {
        assertThat(LinkHeader.next(List.of("</a>; rel=next"))).contains("/a");
        assertThat(LinkHeader.next(List.of("</b>; title=\"x, y\"; rel=\"prefetch next\"")))
                .contains("/b");
    }

    @Test
    void noNextMeansTheEnd() {
        assertThat(LinkHeader.next(List.of("</a>; rel=\"prev\""))).isEmpty();
        assertThat(LinkHeader.next(List.of())).isEmpty();
    }
}
