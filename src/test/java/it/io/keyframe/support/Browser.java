package it.io.keyframe.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Debian's chromedriver through Selenium, for tests that need a
 * real browser. Never downloads anything: both binaries are given explicitly, so Selenium Manager
 * is not consulted ({@code bin/keyframe setup} installs the {@code chromium} and
 * {@code chromium-driver} packages). The driver listens on a free loopback port and the profile
 * lives in a temporary directory; {@link #close()} always quits the browser and removes it.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("keyframe.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("keyframe.chromedriver", "/usr/bin/chromedriver"));

    /** Session storage key of the recorded Content-Security-Policy violations (survives navigation in the tab). */
    private static final String CSP_KEY = "keyframe.test.cspViolations";
    /**
     * Injected into every document before its own scripts (DevTools, itself not subject to the
     * page's policy): each {@code securitypolicyviolation} event is kept in the tab's session
     * storage of the page's origin, so violations of pages navigated away from are kept too.
     */
    private static final String CSP_WATCH = """
            document.addEventListener('securitypolicyviolation', function (e) {
                try {
                    var list = JSON.parse(sessionStorage.getItem('%1$s') || '[]');
                    list.push(e.disposition + ' ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || '?')
                        + ' on ' + location.pathname + ' at ' + e.sourceFile + ':' + e.lineNumber
                        + (e.sample ? ' sample ' + e.sample : ''));
                    sessionStorage.setItem('%1$s', JSON.stringify(list));
                } catch (x) {
                    // no session storage (about:blank, data: URLs)
                }
            }, true);
            """.formatted(CSP_KEY);

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** Starts a headless browser; fails with what to install when a binary is missing. */
    public static Browser start() {
        for (Path binary : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: run bin/keyframe setup"
                        + " (Debian packages chromium and chromium-driver)");
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("keyframe-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingPort(FreePorts.next())
                .withLogFile(new File(profile.toFile(), "chromedriver.log"))
                .build();
        ChromeOptions options = new ChromeOptions();
        // downloads land in the profile directory, which close() removes
        options.setExperimentalOption("prefs", java.util.Map.of(
                "download.default_directory", profile.resolve("downloads").toString(),
                "download.prompt_for_download", false));
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
                "--autoplay-policy=no-user-gesture-required", "--user-data-dir=" + profile.resolve("profile"));
        ChromeDriver driver = null;
        try {
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            // the smallest screen the operator pages are made for
            driver.manage().window().setSize(new Dimension(1366, 768));
            // before any script of every page: record what the Content-Security-Policy blocks
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", CSP_WATCH));
            return new Browser(profile, service, driver);
        } catch (RuntimeException e) {
            if (driver != null) {
                driver.quit();
            }
            service.stop();
            delete(profile);
            throw e;
        }
    }

    /** A started browser signed in as admin (local mode, like every test server unless told otherwise). */
    public static Browser signedIn(KeyframeServer server) {
        Browser browser = start();
        try {
            browser.signIn(server, "admin", LocalUsers.ADMIN_PASSWORD);
            return browser;
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    /** Signs in through the local sign-in form and waits until the browser has left it. */
    public void signIn(KeyframeServer server, String user, String password) {
        driver.get(server.uri("/ui/login.xhtml").toString());
        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> !d.getCurrentUrl().contains("/ui/login.xhtml") && !d.getCurrentUrl().contains("/ui/sign-in"));
    }

    /**
     * The Content-Security-Policy violations Chromium reported in this tab on pages of the current
     * page's origin since the browser started (or {@link #clearCspViolations()}), after letting
     * events already queued by the page be dispatched.
     */
    @SuppressWarnings("unchecked")
    public java.util.List<String> cspViolations() {
        // two turns of the event loop: reports queued by the page are dispatched before reading
        Object list = asyncScript("""
                var done = arguments[arguments.length - 1];
                setTimeout(function () {
                    setTimeout(function () {
                        try {
                            done(JSON.parse(sessionStorage.getItem('%1$s') || '[]'));
                        } catch (x) {
                            done(['cannot read the recorded violations: ' + x]);
                        }
                    }, 0);
                }, 0);
                """.formatted(CSP_KEY));
        return java.util.List.copyOf((java.util.List<String>) list);
    }

    /** Fails, listing them, when the policy blocked anything on this origin's pages in this tab. */
    public void assertNoCspViolations() {
        java.util.List<String> violations = cspViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError("Content-Security-Policy violations:\n  " + String.join("\n  ", violations));
        }
    }

    /** Forgets the recorded violations (of the current page's origin). */
    public void clearCspViolations() {
        script("sessionStorage.removeItem('" + CSP_KEY + "')");
    }

    /** Where the browser saves downloads (inside the temporary profile). */
    public Path downloads() {
        return profile.resolve("downloads");
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Runs a script in the page and returns its value. */
    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Runs a script that ends by calling its last argument (a callback) with the result. */
    public Object asyncScript(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(javascript, args);
    }

    /**
     * Saves what the browser shows as {@code target/screenshots/<name>.png} (under the Maven build
     * directory), for people to look at; returns the file.
     */
    public Path screenshot(String name) {
        try {
            Path dir = Path.of(System.getProperty("keyframe.screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
