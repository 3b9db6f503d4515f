package io.entityflow.cli.inspector;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * Headless Debian Chromium driven by Selenium through the system chromedriver (Selenium Manager never runs,
 * nothing is downloaded), with a fresh profile; screenshots go to {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    public final ChromeDriver driver;

    public Browser() throws IOException {
        Path profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver"));
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public <T> T await(String what, Duration timeout, Function<ChromeDriver, T> condition) {
        return new WebDriverWait(driver, timeout).withMessage(what).ignoring(RuntimeException.class)
                .until(d -> condition.apply((ChromeDriver) d));
    }

    public WebElement awaitVisible(String css) {
        return awaitVisible(css, Duration.ofSeconds(20));
    }

    public WebElement awaitVisible(String css, Duration timeout) {
        return await("visible " + css, timeout, d -> {
            WebElement element = d.findElement(By.cssSelector(css));
            return element.isDisplayed() ? element : null;
        });
    }

    /** Clicks {@code css}, finding it again if the page redrew it between finding and clicking. */
    public void click(String css) {
        await("click " + css, Duration.ofSeconds(20), d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    /** Types into whatever has the keyboard focus, as a user would. */
    public void type(CharSequence keys) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform();
    }

    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
        return target;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
