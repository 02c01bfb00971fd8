package coop.cpc.lakehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the console shows a signed-in user who may not run jobs (both sign-in paths: token and OIDC). */
public final class ConsolePages {
    private ConsolePages() {}

    /** The navigation hides these pages (their {@code data-page} names). */
    public static void assertNavigationHides(WebDriver browser, String... pages) {
        for (String page : pages) {
            assertThat(browser.findElement(By.cssSelector("#nav a[data-page=" + page + "]"))
                            .isDisplayed())
                    .as("link to the %s page shown", page)
                    .isFalse();
        }
    }

    /** Opening the jobs page leads back to the assets, saying why, and no element of {@code actions} shows. */
    public static void assertJobsPageRefused(WebDriver browser, WebDriverWait wait, String console, String actions) {
        browser.get(console + "#/jobs");
        wait.until(d -> d.getCurrentUrl().endsWith("#/assets"));
        assertThat(browser.findElement(By.id("error")).getText()).contains("do not allow the jobs page");
        assertThat(browser.findElements(By.cssSelector(actions))).isEmpty();
    }
}
