package coop.cpc.lakehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LibertyServerTest {

    @Test
    void theMetricsScraperIsTheOneUserOfItsRegistryAndAnAdministrator() {
        assertThat(LibertyServer.metricsScraperConfiguration("scraper", "Scrape-it-9f2c!"))
                .isEqualTo("""
                        <server>
                          <basicRegistry id="metricsScrapers"><user name="scraper" password="Scrape-it-9f2c!"/></basicRegistry>
                          <administrator-role><user>scraper</user></administrator-role>
                        </server>
                        """);
    }

    @Test
    void refusesAScraperWhoseNameOrPasswordWouldChangeTheXml() {
        assertThatThrownBy(() -> LibertyServer.metricsScraperConfiguration("a\"b", "Scrape-it-9f2c!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The metrics scraper's user name must be 1 to 64 letters, digits, '.', '_' or '-'");
        assertThatThrownBy(() -> LibertyServer.metricsScraperConfiguration("scraper", "Scrape-it-${x}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The metrics scraper's password must be 12 to 128");
        assertThatThrownBy(() -> LibertyServer.metricsScraperConfiguration("scraper", "short"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
