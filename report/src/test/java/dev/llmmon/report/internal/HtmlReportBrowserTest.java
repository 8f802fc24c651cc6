package dev.llmmon.report.internal;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * report.html of the demo week (support-chat renamed to a script-injection attempt) opened from disk in headless
 * Chromium from Debian's packages, driven by Selenium through {@code /usr/bin/chromedriver} (so Selenium Manager
 * never downloads a driver or a browser). Skipped with a message where no browser is installed; a failure instead
 * when {@code -Dllmmon.requireBrowser=true} or {@code LLMMON_REQUIRE_BROWSER=true} (as {@code .ci/run} sets it).
 * The page and its screenshots stay in {@code target/browser/}.
 */
class HtmlReportBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("llmmon.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("llmmon.chromedriver", "/usr/bin/chromedriver"));
    private static final Path OUT = Path.of("target", "browser");
    /** Pixels of a series' colour (not grey) a drawn chart has at least: axes, labels and title are grey. */
    private static final int MIN_COLOURED_PIXELS = 200;

    @TempDir
    static Path dir;
    static ChromeDriver driver;
    /** The console as the page left it once loaded, before the tests read canvases (which Chromium comments on). */
    static List<LogEntry> console;
    /** Why the tests are skipped, {@code null} when the browser is there. */
    static String missing;

    @BeforeAll
    static void open() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            String message = "no browser: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed (Debian: apt-get "
                    + "install chromium chromium-driver); the HTML report's browser test is skipped";
            if (Boolean.getBoolean("llmmon.requireBrowser")
                    || "true".equalsIgnoreCase(System.getenv("LLMMON_REQUIRE_BROWSER"))) {
                fail(message.replace("is skipped", "is required here (llmmon.requireBrowser)"));
            }
            missing = message; // each test is then skipped with it (a skipped class would say nothing)
            System.err.println("HtmlReportBrowserTest: " + message);
            return;
        }
        DemoRun run = DemoRun.of(dir, DemoRun.HOSTILE);
        Files.createDirectories(OUT);
        Path page = OUT.resolve("report.html").toAbsolutePath();
        Files.writeString(page, HtmlReport.render(run.result(), List.of(), run.outcome()));

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1600",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        driver = new ChromeDriver(service, options);
        driver.get(page.toUri().toString());
        console = driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    @BeforeEach
    void browserInstalled() {
        Assumptions.assumeTrue(missing == null, missing);
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void thePageLoadsWithNoConsoleErrorAndNoInjectedScript() {
        // an injected alert(1) would have opened a dialog
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        List<String> errors = console.stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::toString).toList();
        assertThat(errors).as("console warnings and errors").isEmpty();
        // the hostile name is shown as text in its section's heading
        assertThat(driver.findElements(By.cssSelector("section.feature > h2")).stream().map(WebElement::getText))
                .contains(DemoRun.HOSTILE);
    }

    @Test
    void everyFeaturesChartsAreDrawn() throws IOException {
        List<WebElement> features = driver.findElements(By.cssSelector("section.feature"));
        assertThat(features).hasSizeGreaterThanOrEqualTo(4);
        int charts = 0;
        for (WebElement feature : features) {
            List<WebElement> figures = feature.findElements(By.cssSelector("figure.chart"));
            assertThat(figures).as(feature.getAttribute("id")).isNotEmpty();
            for (WebElement figure : figures) {
                assertThat(colouredPixels(figure)).as(figure.getAttribute("id") + " of " + feature.getAttribute("id"))
                        .isGreaterThanOrEqualTo(MIN_COLOURED_PIXELS);
                charts++;
            }
        }
        assertThat(driver.findElement(By.tagName("body")).getAttribute("data-charts")).isEqualTo(String.valueOf(charts));
        // the hostile feature's charts, as a reader scrolling to it sees them
        WebElement hostile = features.stream().filter(f -> f.findElement(By.tagName("h2")).getText()
                .equals(DemoRun.HOSTILE)).findFirst().orElseThrow();
        driver.executeScript("arguments[0].scrollIntoView()", hostile);
        Files.write(OUT.resolve("report-feature.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void theAlertTablesLinksReachTheirCharts() throws IOException {
        List<WebElement> links = driver.findElements(By.cssSelector("#alert-table a.alert-link"));
        assertThat(links).isNotEmpty();
        JavascriptExecutor js = driver;
        int toCharts = 0;
        for (WebElement link : links) {
            String target = link.getAttribute("href").replaceFirst("^[^#]*#", "");
            js.executeScript("arguments[0].scrollIntoView({block: 'center'})", link);
            link.click();
            assertThat(js.executeScript("return location.hash")).isEqualTo("#" + target);
            WebElement reached = driver.findElement(By.id(target));
            Number top = (Number) js.executeScript("return arguments[0].getBoundingClientRect().top", reached);
            Number height = (Number) js.executeScript("return window.innerHeight");
            assertThat(top.doubleValue()).as(target + " scrolled into view").isBetween(-1.0, height.doubleValue());
            if (target.startsWith("chart-")) {
                assertThat(colouredPixels(reached)).as(target).isGreaterThanOrEqualTo(MIN_COLOURED_PIXELS);
                toCharts++;
            }
        }
        assertThat(toCharts).as("control-chart alerts link to their charts").isGreaterThan(0);
        // the first alert's chart, as the reader who clicked it sees it
        WebElement first = links.stream().filter(l -> l.getAttribute("href").contains("#chart-")).findFirst()
                .orElseThrow();
        js.executeScript("arguments[0].scrollIntoView({block: 'center'})", first);
        first.click();
        Files.write(OUT.resolve("report-alert-chart.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Pixels of the figure's canvas whose colour is not a grey (series lines, limits, marks). */
    private static long colouredPixels(WebElement figure) {
        Object count = driver.executeScript("""
                var canvas = arguments[0].querySelector('canvas');
                if (!canvas || canvas.width === 0 || canvas.height === 0) { return 0; }
                var px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                var n = 0;
                for (var i = 0; i < px.length; i += 4) {
                  var r = px[i], g = px[i + 1], b = px[i + 2], a = px[i + 3];
                  if (a > 64 && Math.max(r, g, b) - Math.min(r, g, b) > 40) { n++; }
                }
                return n;""", figure);
        return ((Number) count).longValue();
    }
}
