package coop.cpc.lakehouse.it.oidc;

import static coop.cpc.lakehouse.it.HeadlessChromium.assertNoContentSecurityPolicyRefusal;
import static coop.cpc.lakehouse.it.HeadlessChromium.browse;
import static coop.cpc.lakehouse.it.HeadlessChromium.click;
import static coop.cpc.lakehouse.it.HeadlessChromium.contentSecurityPolicyRefusals;
import static coop.cpc.lakehouse.it.HeadlessChromium.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.it.ConsolePages;
import coop.cpc.lakehouse.it.GraphQlClient;
import coop.cpc.lakehouse.it.ItDatabase;
import coop.cpc.lakehouse.launcher.KillableWildFly;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's "Sign in with" an OIDC provider in a real headless Chromium against a real Keycloak:
 * the realm's public client {@code lakehouse-console} (PKCE S256, its redirect URI the console of
 * this test's own WildFly, configured with {@code jwt_issuer}, {@code jwt_public_key} = the realm's
 * JWKS and {@code oidc_client_id}). Users sign in on Keycloak's own login form; the console shows
 * the roles of the access token's {@code groups}; signing out ends the provider's session too. A provider whose
 * token endpoint is on another origin than its issuer (Google's) is played by a proxy on 127.0.0.1
 * ({@link CrossOriginTokenEndpoint}) named by {@code oidc_token_endpoint}. Each test starts the server with its own
 * configuration and stops it in its own {@code finally}; Keycloak and the proxy are stopped after all, chromium and
 * chromedriver after each test, by pid whatever happens.
 */
@ExtendWith(ItDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleOidcBrowserIT {
    private static final String CATALOG = "oidc_console_catalog";
    private static final String NAME = "oidc-console";
    private static final String CLIENT = "lakehouse-console";

    private KillableWildFly server;
    private String console;
    private Keycloak keycloak;
    private CrossOriginTokenEndpoint crossOriginTokenEndpoint;

    @BeforeAll
    void startKeycloakAndTheCrossOriginTokenEndpoint() throws Exception {
        server = OidcServers.deployWildFly(CATALOG, NAME);
        console = "http://localhost:" + server.httpPort() + "/lakehouse/console/";
        keycloak = OidcServers.startKeycloak(realmFor(console));
        crossOriginTokenEndpoint = CrossOriginTokenEndpoint.forwardingTo(keycloak);
    }

    @AfterAll
    void stopKeycloakAndTheCrossOriginTokenEndpoint() throws Exception {
        try {
            if (crossOriginTokenEndpoint != null) {
                crossOriginTokenEndpoint.close();
            }
        } finally {
            if (keycloak != null) {
                keycloak.close();
            }
        }
    }

    @Test
    void usersSignInOnTheProvidersLoginPageAndSeeWhatTheirGroupsAllow() throws Exception {
        try {
            OidcServers.startTrusting(server, keycloak, CATALOG, NAME, Map.of("data_lakehouse.oidc_client_id", CLIENT));

            browse("oidc", browser -> {
                WebDriverWait wait = acrossRedirects(browser);
                olgaSignsInFromTheJobsPage(browser, wait);
                assertThat(browser.findElement(By.cssSelector("#nav a[data-page=executions]"))
                                .isDisplayed())
                        .isTrue();
                assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
                JavascriptExecutor js = (JavascriptExecutor) browser;
                assertThat((Long) js.executeScript("return localStorage.length;"))
                        .as("nothing kept beyond the tab")
                        .isZero();
                assertThat((String) js.executeScript("return sessionStorage.getItem('lakehouse.token');"))
                        .as("the access token, kept in the tab's sessionStorage")
                        .contains(".");
                assertThat(browser.getCurrentUrl()).doesNotContain("code=").doesNotContain("state=");
                // The console reached Keycloak's discovery document and token endpoint under its
                // Content-Security-Policy (connect-src names jwt_issuer's origin); GraphiQL's page loads under it.
                assertNoContentSecurityPolicyRefusal(browser);
                // Without oidc_token_endpoint, a token endpoint on another origin is refused by the browser, as
                // Google's was: the request never leaves it.
                assertThat(postFromTheConsole(browser, crossOriginTokenEndpoint.url()))
                        .startsWith("refused");
                // Chromium logs the refusal twice: the directive refused, and the fetch that failed so.
                assertThat(contentSecurityPolicyRefusals(browser))
                        .isNotEmpty()
                        .allSatisfy(refusal -> assertThat(refusal).contains(crossOriginTokenEndpoint.url()))
                        .anySatisfy(refusal -> assertThat(refusal)
                                .contains("violates the following Content Security Policy directive: "
                                        + "\"connect-src 'self' " + keycloakOrigin() + "\""));
                assertThat(crossOriginTokenEndpoint.forwarded()).isZero();
                browser.get(console + "graphiql.html");
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("graphiql-user"), "olga"));
                wait.until(d ->
                        !d.findElements(By.cssSelector(".graphiql-container")).isEmpty());
                assertNoContentSecurityPolicyRefusal(browser);
                browser.get(console + "#/jobs");
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-job")));

                // Signing out ends Keycloak's session too: the next sign-in asks for a password again.
                click(browser, By.id("sign-out"));
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("oidc-sign-in-button")));
                assertThat(browser.getCurrentUrl()).startsWith(console);
                assertThat((String) js.executeScript("return sessionStorage.getItem('lakehouse.token');"))
                        .isNull();

                signInWithKeycloak(browser, keycloak, "victor", "victor-password-81ab");
                wait.until(d -> d.getCurrentUrl().endsWith("#/assets"));
                assertThat(browser.findElement(By.id("who-name")).getText())
                        .contains("victor")
                        .contains("viewer");
                ConsolePages.assertNavigationHides(browser, "executions", "jobs");
                ConsolePages.assertJobsPageRefused(browser, wait, console, ".start-job, #new-job, #stop-execution");
            });
        } finally {
            server.stop();
        }
    }

    @Test
    void aTokenEndpointOnAnotherOriginThanTheIssuersIsUsedWhenOidcTokenEndpointNamesIt() throws Exception {
        try {
            OidcServers.startTrusting(
                    server,
                    keycloak,
                    CATALOG,
                    NAME,
                    Map.of(
                            "data_lakehouse.oidc_client_id",
                            CLIENT,
                            "data_lakehouse.oidc_token_endpoint",
                            crossOriginTokenEndpoint.url()));
            int before = crossOriginTokenEndpoint.forwarded();

            browse("oidc-token-endpoint", browser -> {
                olgaSignsInFromTheJobsPage(browser, acrossRedirects(browser));
                assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
                // The code was traded at the endpoint the key names (not at the discovery document's), and the
                // browser let the console reach it: connect-src names its origin beside the issuer's.
                assertThat(crossOriginTokenEndpoint.forwarded()).isEqualTo(before + 1);
                assertNoContentSecurityPolicyRefusal(browser);
            });
        } finally {
            server.stop();
        }
    }

    /**
     * What a POST from the console's page to {@code url} comes to: "answered &lt;status&gt;", or "refused: &lt;error&gt;"
     * when the browser would not send it.
     */
    private static String postFromTheConsole(WebDriver browser, String url) {
        return (String) ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0], {method: 'POST', body: new URLSearchParams({grant_type: 'x'})})"
                                + ".then(r => done('answered ' + r.status), e => done('refused: ' + e));",
                        url);
    }

    private String keycloakOrigin() {
        URI issuer = URI.create(keycloak.issuer());
        return issuer.getScheme() + "://" + issuer.getHost() + ":" + issuer.getPort();
    }

    /**
     * A wait that looks again when the provider's redirects replaced the document while it looked (chromedriver then
     * reports "node does not belong to the document" instead of a stale element).
     */
    private static WebDriverWait acrossRedirects(WebDriver browser) {
        WebDriverWait wait = waiting(browser, Duration.ofSeconds(60));
        wait.ignoring(WebDriverException.class);
        return wait;
    }

    /** The operator signs in from the Jobs page and is back on it, with the operator's pages and actions. */
    private void olgaSignsInFromTheJobsPage(WebDriver browser, WebDriverWait wait) {
        browser.get(console + "#/jobs");
        signInWithKeycloak(browser, keycloak, "olga", "olga-password-3c9e");
        wait.until(d -> d.getCurrentUrl().equals(console + "#/jobs"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-job")));
        assertThat(browser.findElement(By.id("who-name")).getText())
                .contains("olga")
                .contains("operator");
    }

    /** From the console's sign-in card through Keycloak's login form and back. */
    private static void signInWithKeycloak(WebDriver browser, Keycloak keycloak, String user, String password) {
        WebDriverWait wait = waiting(browser, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("oidc-sign-in-button"), "Sign in with " + keycloak.issuer()));
        click(browser, By.id("oidc-sign-in-button"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys(user);
        assertThat(browser.getCurrentUrl())
                .startsWith(keycloak.issuer() + "/protocol/openid-connect/auth")
                .contains("code_challenge_method=S256");
        browser.findElement(By.id("password")).sendKeys(password);
        click(browser, By.id("kc-login"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
    }

    /** The test realm with the console client's redirect URI set to this test's console. */
    private static Path realmFor(String console) throws Exception {
        JsonNode realm =
                GraphQlClient.JSON.readTree(ConsoleOidcBrowserIT.class.getResource("/keycloak/lakehouse-realm.json"));
        for (JsonNode client : realm.get("clients")) {
            if (CLIENT.equals(client.get("clientId").asText())) {
                ((ObjectNode) client).putArray("redirectUris").add(console + "*");
            }
        }
        Path file = OidcServers.DIR.resolve("keycloak-console-realm.json");
        GraphQlClient.JSON.writeValue(file.toFile(), realm);
        return file;
    }
}
