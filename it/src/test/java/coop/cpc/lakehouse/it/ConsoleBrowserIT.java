package coop.cpc.lakehouse.it;

import static coop.cpc.lakehouse.it.HeadlessChromium.browse;
import static coop.cpc.lakehouse.it.HeadlessChromium.click;
import static coop.cpc.lakehouse.it.HeadlessChromium.saveScreenshot;
import static coop.cpc.lakehouse.it.HeadlessChromium.waiting;
import static coop.cpc.lakehouse.it.IngestionRuns.column;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real headless Chromium (Debian's chromium and chromedriver, given by path so
 * that Selenium never downloads a driver): sign in, create and start jobs, watch progress, stop and
 * restart, lineage, and a viewer who sees no operator action. A failing test leaves a screenshot under
 * it/target/; the operator test saves the console's picture for the README in docs/images/console.png.
 */
class ConsoleBrowserIT extends DeployedEarFixture {
    private static final String DATABASE = "console_sources";
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);

    @Test
    void anOperatorCreatesStartsStopsAndRestartsJobsAndSeesTheirLineage() throws Exception {
        try (Connection source = ItDatabase.connectCreating(DATABASE);
                Statement sql = source.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS public.small");
            sql.execute("CREATE TABLE public.small (id bigint PRIMARY KEY, label text)");
            sql.execute("INSERT INTO public.small SELECT g, 'row ' || g FROM generate_series(1, 500) g");
            sql.execute("DROP TABLE IF EXISTS public.big");
            sql.execute("CREATE TABLE public.big (id bigint PRIMARY KEY, label text)");
            sql.execute("INSERT INTO public.big SELECT g, 'row ' || g FROM generate_series(1, 60000) g");
        }
        String smallAsset = runs.createAsset(
                "console", "small", List.of(column("id", "int64", false), column("label", "string", true)));
        runs.createAsset("console", "big", List.of(column("id", "int64", false), column("label", "string", true)));

        browse("operator", browser -> {
            signIn(browser, ItTokens.token("operator"));

            createJob(browser, "console small", "console.small", "public.small");
            String small = startJob(browser, "console small");
            String done = awaitStatus(browser, small, "COMPLETED");
            assertThat(done).contains("500 rows").contains("rows/s");

            createJob(browser, "console big", "console.big", "public.big");
            String big = startJob(browser, "console big");
            WebDriverWait wait = waiting(browser, RUN_TIMEOUT);
            wait.until(d -> {
                WebElement row = d.findElement(By.id("exec-" + big));
                String text = row.findElement(By.cssSelector(".progress-text")).getText();
                // Progress while it runs: the share of the table's rows read so far, the rate, and an ETA
                // (a PostgreSQL table source counts its rows when the run starts).
                return "STARTED".equals(row.getDomAttribute("data-status"))
                        && text.matches("\\d{1,2}% · [1-9][\\d,]* rows · [\\d,]+ rows/s · ETA \\d+.*");
            });
            click(browser, By.id("exec-" + big));
            click(browser, By.id("stop-execution"));
            click(browser, By.id("confirm-ok"));
            awaitStatus(browser, big, "STOPPED");
            click(browser, By.id("exec-" + big));
            click(browser, By.id("restart-execution"));
            click(browser, By.id("confirm-ok"));
            wait.until(d -> d.getCurrentUrl().matches(".*#/executions/\\d+")
                    && !d.getCurrentUrl().endsWith("/" + big));
            String restarted = browser.getCurrentUrl().replaceAll(".*#/executions/", "");
            // One poll fails (a network blip): the page says so and polls on with back-off until the run ends.
            wait.until(d -> List.of("STARTING", "STARTED")
                    .contains(d.findElement(By.id("exec-" + restarted)).getDomAttribute("data-status")));
            ((JavascriptExecutor) browser)
                    .executeScript("const real = window.fetch; window.fetch = function () { window.fetch = real;"
                            + " return Promise.reject(new TypeError('injected network failure')); };");
            wait.until(d -> d.findElement(By.id("poll-note")).getText().startsWith("Live update failed"));
            awaitStatus(browser, restarted, "COMPLETED");
            wait.until(d -> d.findElement(By.id("poll-note")).getText().isEmpty());

            browser.get(consoleUrl() + "#/lineage/" + smallAsset);
            wait.until(d -> d.findElements(By.cssSelector("#lineage-nodes li")).size() >= 2);
            Long drawn = (Long) ((JavascriptExecutor) browser)
                    .executeScript("return window.lakehouseLineage ? window.lakehouseLineage.nodes().length : 0;");
            assertThat(drawn).isGreaterThanOrEqualTo(2);
            assertThat(browser.findElement(By.id("lineage-nodes")).getText()).contains("console.small");

            browser.get(consoleUrl() + "#/executions");
            wait.until(d ->
                    d.findElements(By.cssSelector("#execution-list tbody tr")).size() >= 3);
            saveScreenshot(browser, Path.of("..", "docs", "images", "console.png"));

            // The operator's pages on a narrow window: tables scroll inside their card, nothing wider than the window.
            browser.manage().window().setSize(new Dimension(420, 800));
            for (String page : List.of("#/executions/" + big, "#/jobs")) {
                browser.get(consoleUrl() + page);
                browser.navigate().refresh();
                wait.until(d ->
                        !d.findElements(By.cssSelector("main table tbody tr")).isEmpty());
                Long overflow = (Long) ((JavascriptExecutor) browser)
                        .executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
                assertThat(overflow).as("%s wider than a 420 px window", page).isLessThanOrEqualTo(0L);
            }

            // The 101st job onward: its deep link names it in the job filter, and Apply keeps that filter.
            String late = null;
            for (int i = 1; i <= 100; i++) {
                late = runs.createTableJob("console filler " + i, smallAsset, 100, DATABASE, "public.small");
            }
            browser.get(consoleUrl() + "#/executions/job/" + late);
            browser.navigate().refresh();
            wait.until(d -> d.findElement(By.id("page-note")).getText().equals("no execution matches"));
            Select job = new Select(browser.findElement(By.id("filter-job")));
            assertThat(job.getFirstSelectedOption().getText()).isEqualTo("console filler 100");
            new Select(browser.findElement(By.id("filter-status"))).selectByValue("COMPLETED");
            ((JavascriptExecutor) browser).executeScript("document.getElementById('page-note').textContent = '';");
            click(browser, By.id("apply-filters"));
            wait.until(d -> d.findElement(By.id("page-note")).getText().equals("no execution matches"));
            assertThat(browser.findElements(By.cssSelector("#execution-list tbody tr")))
                    .as("the COMPLETED runs of other jobs stay filtered out")
                    .isEmpty();

            // The filter lists the first 100 jobs, one request, and says so; the Job column names a later job's run
            // by looking up the jobs of the rows shown (one aliased request), not by listing every job.
            assertThat(browser.findElement(By.id("jobs-cut")).getText())
                    .isEqualTo(
                            "The job list shows the first 100 jobs; open a later job's executions from the Jobs page.");
            String lateRun = runs.start(late);
            runs.awaitEnd(lateRun);
            browser.get(consoleUrl() + "#/executions/" + lateRun);
            browser.navigate().refresh();
            wait.until(d -> d.findElement(By.cssSelector("#exec-" + lateRun + " td:nth-child(2)"))
                    .getText()
                    .equals("console filler 100"));
        });
    }

    @Test
    void anAdminDownloadsARunsRejectedRecordsAndAnOperatorOnlySeesWhereTheyAre() throws Exception {
        Path drop = IngestionRuns.freshFolder("drop", "console_rejects");
        Files.writeString(drop.resolve("visits.csv"), """
                id,visits
                1,3
                2,not-a-number-4711
                3,5
                """);
        String assetId = runs.createAsset(
                "console", "rejects", List.of(column("id", "int64", false), column("visits", "int32", true)));
        String jobId = runs.createJob(
                        "console rejects", assetId, "fileDrop", Map.of("directory", drop.toString(), "glob", "*.csv"))
                .get("id")
                .asText();
        String executionId = runs.runToCompletion(jobId).get("executionId").asText();

        browse("admin-rejects", browser -> {
            signIn(browser, ItTokens.token("admin"));
            browser.get(consoleUrl() + "#/executions/" + executionId);
            WebDriverWait wait = waiting(browser, Duration.ofSeconds(30));
            // The download is the blob the link points at; the test keeps it to read it (the console's
            // Content-Security-Policy lets no script fetch a blob: URL, and the page needs none to).
            ((JavascriptExecutor) browser)
                    .executeScript(
                            "const real = URL.createObjectURL;"
                                    + " URL.createObjectURL = b => { window.lakehouseDownload = b; return real.call(URL, b); };");
            click(browser, By.id("rejects-download"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rejects-preview")));
            assertThat(browser.findElement(By.id("rejects-preview")).getText())
                    .contains("visits.csv")
                    .contains("record 2, line 3")
                    .contains("not-a-number-4711");
            assertThat(browser.findElement(By.id("rejects-note")).getText()).contains("1 record)");
            WebElement link = browser.findElement(By.id("rejects-download"));
            assertThat(link.getDomAttribute("download")).isEqualTo("rejects-" + executionId + ".ndjson");
            assertThat(link.getDomAttribute("href")).startsWith("blob:");
            String downloaded = (String) ((JavascriptExecutor) browser)
                    .executeAsyncScript("const done = arguments[arguments.length - 1];"
                            + " window.lakehouseDownload.text().then(done);");
            JsonNode record = GraphQlClient.JSON.readTree(downloaded.strip());
            assertThat(record.get("position").asText()).isEqualTo("record 2, line 3");
            assertThat(record.get("reason").asText()).contains("visits").contains("not-a-number-4711");
        });

        browse("operator-rejects", browser -> {
            signIn(browser, ItTokens.token("operator"));
            browser.get(consoleUrl() + "#/executions/" + executionId);
            waiting(browser, Duration.ofSeconds(30))
                    .until(ExpectedConditions.textToBePresentInElementLocated(
                            By.id("detail-" + executionId), "rejects.ndjson"));
            assertThat(browser.findElement(By.id("detail-" + executionId)).getText())
                    .contains("needs a role that reads the target asset's rows");
            assertThat(browser.findElements(By.id("rejects-download"))).isEmpty();
        });
        JsonNode refused = GraphQlClient.JSON.readTree(graphql.post(
                        "query($id: ID!) { jobExecution(executionId: $id) { rejects { text } } }",
                        Map.of("id", executionId),
                        ItTokens.token("operator"),
                        null)
                .body());
        assertThat(GraphQlClient.codes(refused)).containsExactly("forbidden");
    }

    @Test
    void aViewerSeesNoOperatorActionAndTheConsoleFitsANarrowWindow() throws Exception {
        runs.createAsset("console", "for_viewers", List.of(column("id", "int64", false)));
        browse("viewer", browser -> {
            signIn(browser, ItTokens.token("viewer"));
            WebDriverWait wait = waiting(browser, Duration.ofSeconds(30));
            wait.until(d -> d.getCurrentUrl().endsWith("#/assets"));
            wait.until(
                    d -> !d.findElements(By.cssSelector("#asset-list tbody tr")).isEmpty());

            ConsolePages.assertNavigationHides(browser, "executions", "jobs", "audit");

            ConsolePages.assertJobsPageRefused(
                    browser,
                    wait,
                    consoleUrl(),
                    ".start-job, #new-job, #stop-execution, #restart-execution, #abandon-execution");

            browser.get(consoleUrl() + "graphiql.html");
            wait.until(
                    d -> !d.findElements(By.cssSelector(".graphiql-container")).isEmpty());
            assertThat(browser.findElement(By.id("graphiql-user")).getText()).contains("it-user");
            // GraphiQL works under the console's Content-Security-Policy: it runs a query and opens its dialogs.
            click(browser, By.cssSelector(".graphiql-execute-button"));
            wait.until(d ->
                    d.findElement(By.cssSelector(".result-window")).getText().contains("\"nodes\""));
            click(browser, By.cssSelector("button[aria-label='Open settings dialog']"));
            wait.until(d -> !d.findElements(By.cssSelector(".graphiql-dialog")).isEmpty());
            HeadlessChromium.assertNoContentSecurityPolicyRefusal(browser);

            browser.get(consoleUrl() + "#/assets");
            browser.manage().window().setSize(new Dimension(420, 800));
            browser.navigate().refresh();
            wait.until(
                    d -> !d.findElements(By.cssSelector("#asset-list tbody tr")).isEmpty());
            Long overflow = (Long) ((JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(overflow).as("page wider than a 420 px window").isLessThanOrEqualTo(0L);
        });
    }

    /**
     * A link whose argument is not valid percent-encoding (cut short, a stray '%') opens its page and shows why the
     * argument was refused: decoding it threw before, and the console left the page blank without a word.
     */
    @Test
    void aLinkWithABrokenPercentEncodingShowsTheRefusalNotABlankPage() throws Exception {
        runs.createAsset("console", "for_broken_links", List.of(column("id", "int64", false)));
        browse("broken-link", browser -> {
            signIn(browser, ItTokens.token("viewer"));
            WebDriverWait wait = waiting(browser, Duration.ofSeconds(30));
            wait.until(d -> d.getCurrentUrl().endsWith("#/assets"));

            browser.get(consoleUrl() + "#/assets/%E0%A4%A");

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
            assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("id '%E0%A4%A' is not an id (a UUID)");
            assertThat(browser.findElements(By.cssSelector("#asset-list tbody tr")))
                    .isNotEmpty();
        });
    }

    /**
     * Every list the console reads asks for at most the server's graphql_max_page_size, and pages with it. The IT
     * server's limit is 100 (arquillian.xml; read once per deployment, and other ITs count on it), so rather than a
     * server below the console's page sizes, each case raises one of the console's sizes (api.js's PAGE_SIZES) to 150
     * in a fresh tab before its first request: the real server refuses that as a server of limit 40 refuses 50.
     */
    @Test
    void everyListOfTheConsoleAsksForNoMoreThanTheServersPageLimit() throws Exception {
        // More assets than a page, and with them more than a page of audit entries (each creation is audited).
        String first = null;
        for (int i = 1; i <= 101; i++) {
            String id = runs.createAsset("page_limit", "asset_" + i, List.of(column("id", "int64", false)));
            first = first == null ? id : first;
        }
        runs.appendRows(
                first,
                List.of(column("id", "int64")),
                IntStream.rangeClosed(1, 150)
                        .mapToObj(i -> List.of(String.valueOf(i)))
                        .toList());
        String asset = first;
        String token = ItTokens.token("admin", "auditor");

        browse("page-limit", browser -> {
            Map<String, String> outcomes = new LinkedHashMap<>();
            outcomes.put(
                    "executions",
                    openAbovePageLimit(browser, token, "#/executions", "executions", "#execution-list table"));
            outcomes.put(
                    "job filter",
                    openAbovePageLimit(browser, token, "#/executions", "jobFilter", "#execution-list table"));
            outcomes.put("jobs", openAbovePageLimit(browser, token, "#/jobs", "jobs", "#new-job-target"));
            outcomes.put(
                    "cdc streams", openAbovePageLimit(browser, token, "#/jobs", "cdcStreams", "#cdc-streams table"));
            String choices = openAbovePageLimit(browser, token, "#/jobs", "assetChoices", "#new-job-target");
            if (choices.equals("shown")) {
                assertThat(browser.findElements(By.cssSelector("#new-job-target option")))
                        .as("'none' and the server's page of assets")
                        .hasSize(101);
            }
            outcomes.put("asset choices", choices);
            String lineage =
                    openAbovePageLimit(browser, token, "#/lineage/" + asset, "assetChoices", "#lineage-nodes li");
            if (lineage.equals("shown")) {
                assertThat(browser.findElements(By.cssSelector("#lineage-asset option")))
                        .hasSize(100);
            }
            outcomes.put("lineage", lineage);
            String assets = openAbovePageLimit(browser, token, "#/assets", "assets", "#asset-list tbody tr");
            if (assets.equals("shown")) {
                List<List<String>> pages = twoPagesOfTheServersLimit(browser, "#asset-list");
                assertThat(pages.get(1)).doesNotContainAnyElementsOf(pages.get(0));
            }
            outcomes.put("assets", assets);
            String preview = openAbovePageLimit(browser, token, "#/assets/" + asset, "previewRows", "#preview-show");
            if (preview.equals("shown")) {
                click(browser, By.id("preview-show"));
                preview = outcome(browser, "#preview-rows table");
            }
            if (preview.equals("shown")) {
                assertThat(browser.findElement(By.cssSelector("#preview-rows p"))
                                .getText())
                        .endsWith(", first 100 rows");
                assertThat(browser.findElements(By.cssSelector("#preview-rows tbody tr")))
                        .hasSize(100);
            }
            outcomes.put("row preview", preview);
            String audit = openAbovePageLimit(browser, token, "#/audit", "auditEntries", "#audit-list tbody tr");
            if (audit.equals("shown")) {
                twoPagesOfTheServersLimit(browser, "#audit-list");
            }
            outcomes.put("audit", audit);

            Map<String, String> allShown = new LinkedHashMap<>();
            outcomes.keySet().forEach(list -> allShown.put(list, "shown"));
            assertThat(outcomes)
                    .as("what each list shows when the console prefers more than the server's limit")
                    .isEqualTo(allShown);
        });
    }

    /**
     * Opens the console at {@code hash} in a fresh document (so that no earlier refusal told this tab the server's
     * limit), with the page size {@code size} raised above the server's limit of 100 before the sign-in.
     *
     * @return "shown" once {@code shown} matches, else the error the page shows instead
     */
    private static String openAbovePageLimit(WebDriver browser, String token, String hash, String size, String shown) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        browser.get(consoleUrl() + hash);
        js.executeScript("sessionStorage.clear();");
        browser.navigate().refresh();
        WebDriverWait wait = waiting(browser, Duration.ofSeconds(30));
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        Object preferred = js.executeAsyncScript(
                "const [size, done] = [arguments[0], arguments[arguments.length - 1]];"
                        + "import(new URL('js/api.js', document.baseURI).href).then(api => {"
                        + " const was = api.PAGE_SIZES[size]; api.PAGE_SIZES[size] = 150; done(was); },"
                        + " failure => done(String(failure)));",
                size);
        assertThat(preferred).as("the console's page size %s", size).isInstanceOf(Long.class);
        assertThat((Long) preferred).isLessThanOrEqualTo(100L);
        field.sendKeys(token);
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        return outcome(browser, shown);
    }

    /**
     * "shown" once the selector matches, or the error the page shows (the Jobs page's CDC section shows its own, and
     * is left out when the console finds no cdcStreams query in the schema).
     */
    private static String outcome(WebDriver browser, String shown) {
        return waiting(browser, Duration.ofSeconds(30)).until(d -> {
            if (!d.findElements(By.cssSelector(shown)).isEmpty()) {
                return "shown";
            }
            WebElement error = d.findElement(By.id("error"));
            if (error.isDisplayed() && !error.getText().isBlank()) {
                return error.getText();
            }
            // The Jobs page appears at once, with its CDC section if any: looked for after the page, not before.
            boolean jobsShown = !d.findElements(By.id("new-job-target")).isEmpty();
            List<WebElement> cdc = d.findElements(By.id("cdc-streams"));
            if (jobsShown && cdc.isEmpty()) {
                return "the Jobs page has no CDC streams section";
            }
            return cdc.isEmpty() || !cdc.get(0).getText().contains("could not be listed")
                    ? null
                    : cdc.get(0).getText();
        });
    }

    /**
     * The list shows the server's page of 100 rows, and its second pager button (Next, Older) the next ones.
     *
     * @return the texts of the two pages' rows
     */
    private static List<List<String>> twoPagesOfTheServersLimit(WebDriver browser, String list) {
        By rows = By.cssSelector(list + " tbody tr");
        List<String> firstPage =
                browser.findElements(rows).stream().map(WebElement::getText).toList();
        assertThat(firstPage).as("the first page of %s", list).hasSize(100);
        click(browser, By.cssSelector(list + " .pager button:nth-of-type(2)"));
        List<String> secondPage = waiting(browser, Duration.ofSeconds(30)).until(d -> {
            List<String> shown =
                    d.findElements(rows).stream().map(WebElement::getText).toList();
            return shown.isEmpty() || shown.get(0).equals(firstPage.get(0)) ? null : shown;
        });
        assertThat(secondPage).as("the second page of %s", list).hasSizeBetween(1, 100);
        return List.of(firstPage, secondPage);
    }

    private static String consoleUrl() {
        return "http://localhost:" + System.getProperty("lakehouse.it.http.port", "8180") + "/lakehouse/console/";
    }

    private static void signIn(WebDriver browser, String token) {
        browser.get(consoleUrl());
        WebDriverWait wait = waiting(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")))
                .sendKeys(token);
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
    }

    private static void createJob(WebDriver browser, String name, String asset, String table) throws Exception {
        browser.get(consoleUrl() + "#/jobs");
        WebDriverWait wait = waiting(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-job-name")))
                .sendKeys(name);
        new Select(browser.findElement(By.id("new-job-target"))).selectByVisibleText(asset);
        new Select(browser.findElement(By.id("new-job-kind"))).selectByValue("postgresTable");
        WebElement source = browser.findElement(By.id("new-job-source"));
        source.clear();
        source.sendKeys(GraphQlClient.JSON.writeValueAsString(
                Map.of("url", ItDatabase.url(DATABASE), "user", "postgres", "table", table)));
        browser.findElement(By.id("new-job-chunk")).sendKeys("100");
        click(browser, By.id("create-job"));
        wait.until(d ->
                !d.findElements(By.cssSelector("tr[data-name='" + name + "']")).isEmpty());
    }

    /** @return the execution id the console opened after starting the job */
    private static String startJob(WebDriver browser, String name) {
        click(browser, By.cssSelector("tr[data-name='" + name + "'] button.start-job"));
        click(browser, By.id("confirm-ok"));
        waiting(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().matches(".*#/executions/\\d+"));
        return browser.getCurrentUrl().replaceAll(".*#/executions/", "");
    }

    /**
     * Waits for the execution's row, refreshed by the console's own polling, to show the status.
     *
     * @return the row's progress text at that moment
     */
    private static String awaitStatus(WebDriver browser, String executionId, String status) {
        By row = By.id("exec-" + executionId);
        return waiting(browser, RUN_TIMEOUT).until(d -> {
            WebElement found = d.findElement(row);
            return status.equals(found.getDomAttribute("data-status"))
                    ? found.findElement(By.cssSelector(".progress-text")).getText()
                    : null;
        });
    }
}
