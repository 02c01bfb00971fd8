package coop.cpc.lakehouse.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven by its chromedriver, both given by path so that Selenium never
 * downloads a driver ({@code lakehouse.it.chromium}, {@code lakehouse.it.chromedriver}). The browser
 * and the driver are stopped after the steps, and a failure leaves a screenshot under it/target/. The browser's
 * console log is kept: steps that end well still fail when any page refused something under its
 * Content-Security-Policy (an inline script or style, a fetch to an origin the policy does not name).
 */
public final class HeadlessChromium {
    private static final String CHROMIUM = System.getProperty("lakehouse.it.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("lakehouse.it.chromedriver", "/usr/bin/chromedriver");

    private HeadlessChromium() {}

    @FunctionalInterface
    public interface Steps {
        void run(WebDriver browser) throws Exception;
    }

    /** Runs the steps in a fresh 1280×800 browser; on failure saves {@code target/console-<name>-failure.png}. */
    public static void browse(String name, Steps steps) throws Exception {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--window-size=1280,800",
                "--disable-gpu",
                "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.manage().timeouts().implicitlyWait(Duration.ZERO);
            steps.run(browser);
            assertNoContentSecurityPolicyRefusal(browser);
        } catch (Throwable failure) {
            saveScreenshot(
                    browser,
                    Path.of(System.getProperty("lakehouse.it.dir", "target"), "console-" + name + "-failure.png"));
            throw failure;
        } finally {
            browser.quit();
            service.stop();
        }
    }

    /**
     * Fails when the browser's console log, since the last look, holds a refusal under a Content-Security-Policy
     * (Chromium logs each one as "Refused to … because it violates the following Content Security Policy
     * directive"). Reading the log empties it.
     */
    public static void assertNoContentSecurityPolicyRefusal(WebDriver browser) {
        List<String> refusals = contentSecurityPolicyRefusals(browser);
        if (!refusals.isEmpty()) {
            throw new AssertionError(
                    "The browser refused under the Content-Security-Policy:\n" + String.join("\n", refusals));
        }
    }

    /**
     * The refusals under a Content-Security-Policy the browser's console log holds since the last look (for a test
     * that provokes one); reading the log empties it.
     */
    public static List<String> contentSecurityPolicyRefusals(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy"))
                .toList();
    }

    public static void saveScreenshot(WebDriver browser, Path target) {
        try {
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            System.err.println("No screenshot to " + target + ": " + e);
        }
    }

    /** Waits that look again when the console re-rendered an element between finding and reading it. */
    public static WebDriverWait waiting(WebDriver browser, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        wait.ignoring(NoSuchElementException.class);
        return wait;
    }

    /** Clicks what the target finds once it can; the console's polling may re-render it meanwhile, so retry. */
    public static void click(WebDriver browser, By target) {
        waiting(browser, Duration.ofSeconds(30)).until(d -> {
            try {
                WebElement element = d.findElement(target);
                if (!element.isDisplayed() || !element.isEnabled()) {
                    return false;
                }
                element.click();
                return true;
            } catch (NoSuchElementException | StaleElementReferenceException | ElementClickInterceptedException e) {
                return false;
            }
        });
    }
}
