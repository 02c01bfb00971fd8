package coop.cpc.lakehouse.it.oidc;

import static coop.cpc.lakehouse.it.HeadlessChromium.browse;
import static coop.cpc.lakehouse.it.HeadlessChromium.click;
import static coop.cpc.lakehouse.it.HeadlessChromium.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.it.GraphQlClient;
import coop.cpc.lakehouse.it.ItDatabase;
import coop.cpc.lakehouse.launcher.KillableWildFly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's "Sign in with" an OIDC provider in a real headless Chromium against a real Keycloak:
 * the realm's public client {@code lakehouse-console} (PKCE S256, its redirect URI the console of
 * this test's own WildFly, configured with {@code jwt_issuer}, {@code jwt_public_key} = the realm's
 * JWKS and {@code oidc_client_id}). Users sign in on Keycloak's own login form; the console shows
 * the roles of the access token's {@code groups}; signing out ends the provider's session too.
 * Keycloak, WildFly, chromium and chromedriver are stopped by pid whatever happens.
 */
@ExtendWith(ItDatabase.class)
class ConsoleOidcBrowserIT {
    private static final Path DIR =
            Path.of(System.getProperty("lakehouse.it.dir", "target")).toAbsolutePath();
    private static final int KEYCLOAK_PORT = Integer.getInteger("lakehouse.it.keycloak.port", 18480);
    private static final String CATALOG = "oidc_console_catalog";
    private static final String CLIENT = "lakehouse-console";

    @Test
    void usersSignInOnTheProvidersLoginPageAndSeeWhatTheirGroupsAllow() throws Exception {
        Path java = Keycloak.findJava()
                .orElseThrow(() ->
                        new AssertionError("No JDK " + Keycloak.MIN_JAVA + "+ for Keycloak: set KEYCLOAK_JAVA_HOME"));
        try (Connection admin = ItDatabase.connect();
                Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + CATALOG + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + CATALOG);
        }
        KillableWildFly server =
                KillableWildFly.copyOf(DIR.resolve("wildfly"), DIR.resolve("wildfly-oidc-console"), portOffset());
        String console = "http://localhost:" + server.httpPort() + "/lakehouse/console/";
        try (Keycloak keycloak =
                Keycloak.start(keycloakHome(), java, KEYCLOAK_PORT, realmFor(console), Duration.ofMinutes(8))) {
            try {
                server.deploy(DIR.resolve("lakehouse.ear"));
                Map<String, String> properties = new LinkedHashMap<>();
                properties.put("lakehouse.db.url", ItDatabase.url(CATALOG));
                properties.put("lakehouse.db.user", "postgres");
                properties.put(
                        "data_lakehouse.webm_storage_path",
                        Files.createDirectories(DIR.resolve("oidc-console-webm"))
                                .toString());
                properties.put(
                        "data_lakehouse.local_source_roots",
                        Files.createDirectories(DIR.resolve("oidc-console-inbox"))
                                .toString());
                properties.put("data_lakehouse.jwt_issuer", keycloak.issuer());
                properties.put("data_lakehouse.jwt_public_key", keycloak.jwksUrl());
                properties.put("data_lakehouse.jwt_audience", "lakehouse");
                properties.put("data_lakehouse.oidc_client_id", CLIENT);
                server.start(properties);
                server.awaitGraphQl(GraphQlClient.PATH, Duration.ofMinutes(4));

                browse("oidc", browser -> {
                    WebDriverWait wait = waiting(browser, Duration.ofSeconds(60));
                    browser.get(console + "#/jobs");
                    signInWithKeycloak(browser, keycloak, "olga", "olga-password-3c9e");
                    // Back on the page the sign-in started from, with the operator's pages and actions.
                    wait.until(d -> d.getCurrentUrl().equals(console + "#/jobs"));
                    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-job")));
                    assertThat(browser.findElement(By.id("who-name")).getText())
                            .contains("olga")
                            .contains("operator");
                    assertThat(browser.findElement(By.cssSelector("#nav a[data-page=executions]"))
                                    .isDisplayed())
                            .isTrue();
                    assertThat(browser.findElement(By.id("error")).isDisplayed())
                            .isFalse();
                    JavascriptExecutor js = (JavascriptExecutor) browser;
                    assertThat((Long) js.executeScript("return localStorage.length;"))
                            .as("nothing kept beyond the tab")
                            .isZero();
                    assertThat((String) js.executeScript("return sessionStorage.getItem('lakehouse.token');"))
                            .as("the access token, kept in the tab's sessionStorage")
                            .contains(".");
                    assertThat(browser.getCurrentUrl()).doesNotContain("code=").doesNotContain("state=");

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
                    assertThat(browser.findElement(By.cssSelector("#nav a[data-page=executions]"))
                                    .isDisplayed())
                            .isFalse();
                    assertThat(browser.findElement(By.cssSelector("#nav a[data-page=jobs]"))
                                    .isDisplayed())
                            .isFalse();
                    browser.get(console + "#/jobs");
                    wait.until(d -> d.getCurrentUrl().endsWith("#/assets"));
                    assertThat(browser.findElement(By.id("error")).getText()).contains("do not allow the jobs page");
                    assertThat(browser.findElements(By.cssSelector(".start-job, #new-job, #stop-execution")))
                            .isEmpty();
                });
            } finally {
                server.stop();
            }
        }
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
        Path file = DIR.resolve("keycloak-console-realm.json");
        GraphQlClient.JSON.writeValue(file.toFile(), realm);
        return file;
    }

    private static Path keycloakHome() throws Exception {
        try (Stream<Path> dirs = Files.list(DIR.resolve("keycloak"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("bin/kc.sh")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("No Keycloak under " + DIR.resolve("keycloak")));
        }
    }

    private static int portOffset() {
        int arquillianHttpPort = Integer.parseInt(System.getProperty("lakehouse.it.http.port", "8180"));
        return Integer.getInteger("lakehouse.it.oidc.port.offset", arquillianHttpPort - 8080 + 200);
    }
}
