package io.entityflow.vscode;

import io.entityflow.cli.inspector.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension in a real VS Code (code-server) driven through headless Chromium, as a user works: an
 * entity with an unsplittable construct gets its EF diagnostic in the Problems panel, which goes when the
 * user fixes it by typing; the graph view draws the method under the cursor and redraws when an edit adds
 * a remote call. Screenshots land in {@code target/screenshots} (the extension's README uses them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VsCodeExtensionIT {
    private static final Path VSIX = Path.of("target", "entityflow-0.1.0.vsix");
    private static final String WALLET = """
            package wallet;

            import io.entityflow.api.Entity;
            import io.entityflow.api.Key;

            @Entity
            public class Wallet {
                private static int created;
                @Key
                private String id;
                private int balance;

                public Wallet(String id) {
                    this.id = id;
                }

                public void deposit(int amount) {
                    balance += amount;
                }

                public void pay(Wallet other, int amount) {
                    balance -= amount;
                }
            }
            """;
    /** code-server's profile, logs and the workspace: kept in target/ for a failed run's post-mortem. */
    private static Path scratch;
    private static Path workspace;
    private static CodeServer codeServer;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        CodeServer.requireFile(VSIX);
        scratch = Path.of("target", "vscode-it").toAbsolutePath();
        deleteRecursively(scratch);
        workspace = Files.createDirectories(scratch.resolve("workspace"));
        Files.createDirectories(workspace.resolve("wallet"));
        Files.writeString(workspace.resolve("wallet/Wallet.java"), WALLET);
        codeServer = CodeServer.start(VSIX.toAbsolutePath(), workspace, scratch);
        browser = new Browser();
        browser.open(codeServer.url() + "?folder=" + workspace.toAbsolutePath());
        browser.awaitVisible(".monaco-workbench", Duration.ofSeconds(60));
        browser.click(".explorer-folders-view .monaco-list-row[aria-label*='wallet']");
        browser.click(".explorer-folders-view .monaco-list-row[aria-label*='Wallet.java']");
        browser.awaitVisible(".editor-instance .view-lines", Duration.ofSeconds(30));
    }

    private static void deleteRecursively(Path directory) throws java.io.IOException {
        if (Files.exists(directory)) {
            try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (codeServer != null) {
            codeServer.close();
        }
    }

    @Test
    @Order(1)
    void anUnsplittableConstructIsInTheProblemsPanelUntilItIsFixedByTyping() throws Exception {
        new Actions(browser.driver).keyDown(Keys.CONTROL).keyDown(Keys.SHIFT).sendKeys("m").keyUp(Keys.SHIFT).keyUp(Keys.CONTROL).perform();
        WebElement problem = browser.await("the EF105 diagnostic in the Problems panel", Duration.ofSeconds(90), d ->
                d.findElements(By.cssSelector(".markers-panel .monaco-list-row")).stream()
                        .filter(row -> row.getText().contains("EF105")).findFirst().orElse(null));
        assertThat(problem.getText()).contains("static");
        browser.screenshot("vscode-problems");

        // line 8 is "    private static int created;": delete "static "
        goTo(8, 13);
        browser.type(Keys.DELETE.toString().repeat(7));
        browser.await("the EF105 diagnostic gone", Duration.ofSeconds(60), d ->
                d.findElements(By.cssSelector(".markers-panel .monaco-list-row")).stream()
                        .noneMatch(row -> row.getText().contains("EF105")) ? true : null);
    }

    @Test
    @Order(2)
    void theGraphViewFollowsTheCursorAndRedrawsWhenARemoteCallIsTyped() throws Exception {
        goTo(22, 9); // inside pay()
        runCommand("entityflow: Show dataflow graph");
        inWebview(() -> {
            browser.await("the graph of Wallet.pay", Duration.ofSeconds(60), d ->
                    d.findElement(By.id("title")).getText().contains("Wallet.pay — 1 block(s)") ? true : null);
            assertThat(browser.driver.findElements(By.cssSelector("#graph svg"))).isNotEmpty();
        });
        browser.screenshot("vscode-graph-before");
        goTo(22, 9);
        browser.type("other.deposit(amount);" + Keys.ENTER);
        inWebview(() -> browser.await("Wallet.pay redrawn with the remote call", Duration.ofSeconds(60), d ->
                d.findElement(By.id("title")).getText().contains("Wallet.pay — 2 block(s)") ? true : null));
        browser.screenshot("vscode-graph-after");
        assertThat(Files.readString(workspace.resolve("wallet/Wallet.java"))).as("the editor's buffer, not yet saved")
                .doesNotContain("other.deposit");
    }

    /** Runs {@code check} inside the graph webview's frames (VS Code nests the page two iframes deep). */
    private static void inWebview(Runnable check) {
        browser.await("the graph webview", Duration.ofSeconds(60), d -> {
            d.switchTo().defaultContent();
            for (WebElement outer : d.findElements(By.cssSelector("iframe.webview"))) {
                d.switchTo().frame(outer);
                List<WebElement> inner = d.findElements(By.cssSelector("iframe#active-frame"));
                if (!inner.isEmpty()) {
                    d.switchTo().frame(inner.get(0));
                    if (!d.findElements(By.id("graph")).isEmpty()) {
                        return true;
                    }
                }
                d.switchTo().defaultContent();
            }
            return null;
        });
        try {
            check.run();
        } finally {
            browser.driver.switchTo().defaultContent();
        }
    }

    private static void goTo(int line, int column) {
        new Actions(browser.driver).keyDown(Keys.CONTROL).sendKeys("g").keyUp(Keys.CONTROL).perform();
        browser.awaitVisible(".quick-input-widget .input", Duration.ofSeconds(10));
        browser.type(line + ":" + column + Keys.ENTER);
    }

    private static void runCommand(String title) {
        new Actions(browser.driver).sendKeys(Keys.F1).perform();
        browser.awaitVisible(".quick-input-widget .input", Duration.ofSeconds(10));
        browser.type(title);
        browser.await("the command " + title, Duration.ofSeconds(10), d -> d.findElements(By.cssSelector(".quick-input-list .monaco-list-row"))
                .stream().anyMatch(row -> row.getText().contains(title)) ? true : null);
        browser.type(Keys.ENTER.toString());
    }
}
