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
 * user fixes it by typing; the graph view draws the method under the cursor, redraws when an edit adds a
 * remote call, and a clicked block selects its source; Deploy runs the program on the embedded cluster, a call
 * through its gateway succeeds and the inspector's page shows the entity; then the same on a Flink cluster of
 * separate processes with Kafka ({@code entityflow cluster start}), stopped with a savepoint. Screenshots land in
 * {@code target/screenshots} (the extension's README uses them).
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
    private static int gatewayPort;
    private static int inspectorPort;

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        CodeServer.requireFile(VSIX);
        scratch = Path.of("target", "vscode-it").toAbsolutePath();
        deleteRecursively(scratch);
        workspace = Files.createDirectories(scratch.resolve("workspace"));
        Files.createDirectories(workspace.resolve("wallet"));
        Files.writeString(workspace.resolve("wallet/Wallet.java"), WALLET);
        gatewayPort = freePort();
        inspectorPort = freePort();
        codeServer = CodeServer.start(VSIX.toAbsolutePath(), workspace, scratch,
                "\"entityflow.gateway.port\": " + gatewayPort + ", \"entityflow.inspector.port\": " + inspectorPort);
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
        // the server asks the editor to re-request its code lenses when a graph changes: the counts follow the typing
        browser.await("pay's code lens counting the new remote call", Duration.ofSeconds(30), d ->
                d.findElements(By.cssSelector(".codelens-decoration")).stream()
                        .anyMatch(lens -> lens.getText().contains("2 blocks · 1 remote call")) ? true : null);

        // a clicked block selects its source: block 1 is what runs after the call returns, from the end of the call
        // on line 22 through pay's closing brace on line 24 (the cursor stays in pay for the click: the view follows
        // the method under the cursor)
        goTo(23, 1);
        inWebview(() -> browser.driver.findElement(By.cssSelector("#graph g.ef-node[data-id='b1']")).click());
        try {
            browser.await("the cursor on block 1's source", Duration.ofSeconds(20), d ->
                    d.findElements(By.cssSelector(".statusbar-item")).stream()
                            .anyMatch(item -> item.getText().matches("Ln 22, Col \\d+ \\(\\d+ selected\\)")) ? true : null);
        } catch (RuntimeException notThere) {
            browser.screenshot("vscode-block-click-failed");
            throw new AssertionError("status bar: " + browser.driver.findElements(By.cssSelector(".statusbar-item")).stream()
                    .map(WebElement::getText).filter(t -> !t.isBlank()).toList(), notThere);
        }
    }

    @Test
    @Order(3)
    void deployRunsTheProgramOnTheEmbeddedClusterAndACallThroughItsGatewaySucceeds() throws Exception {
        runCommand("entityflow: Deploy to Flink");
        WebElement toast = awaitDeployed("running on the embedded Flink cluster", null, null);
        assertThat(toast.getText()).contains("gateway http://127.0.0.1:" + gatewayPort);
        browser.screenshot("vscode-deployed");
        io.entityflow.flink.gateway.client.EntityClient client = io.entityflow.flink.gateway.client.EntityClient
                .connect(java.net.URI.create("http://127.0.0.1:" + gatewayPort)).withTimeout(Duration.ofSeconds(30));
        client.create("Wallet", "w1");
        client.call("Wallet", "w1", "deposit", 5);
        assertThat(client.state("Wallet", "w1").path("balance").asInt()).isEqualTo(5);
        // the program saved by deploy is the one the editor showed: pay() now calls deposit() on the other wallet
        client.create("Wallet", "w2");
        client.call("Wallet", "w1", "pay", "w2", 2);
        assertThat(client.state("Wallet", "w2").path("balance").asInt()).isEqualTo(2);

        runCommand("entityflow: Open state inspector");
        String workbench = browser.driver.getWindowHandle();
        String where = awaitInspectorOpened(workbench);
        System.out.println("VsCodeExtensionIT: the inspector opened in " + where);
        // the page itself shows the entity the call created, as a user would look it up
        assertThat(balanceInInspector(workbench, "w1", "vscode-inspector")).isEqualTo("3");
        closeOtherWindows(workbench);

        runCommand("entityflow: Stop");
        browser.await("the gateway stopped", Duration.ofMinutes(2), d -> portClosed(gatewayPort) ? true : null);
        assertThat(Files.list(workspace.resolve(".entityflow")).findAny()).as("a savepoint under .entityflow").isPresent();
    }

    @Test
    @Order(4)
    void deployToAConfiguredFlinkClusterRunsThereWithKafkaAndStopsWithASavepoint() throws Exception {
        Path clusterDir = scratch.resolve("cluster");
        String started = entityflow(Duration.ofMinutes(3), "cluster", "start", "--dir", clusterDir.toString(), "--task-managers", "1",
                "--slots", "2", "--rest-port", "0", "--kafka-port", "0");
        try {
            String restUrl = printed(started, "Flink REST and web UI: (\\S+)");
            String kafka = printed(started, "Kafka broker: (\\S+)");
            String queryable = printed(started, "queryable state \\(entityflow inspect --queryable\\): ([^,\\s]+)");
            // the user points the workspace at the cluster: VS Code picks the settings file up as it changes
            Files.createDirectories(workspace.resolve(".vscode"));
            Files.writeString(workspace.resolve(".vscode/settings.json"), """
                    {"entityflow.flink.restUrl": "%s", "entityflow.kafka.bootstrapServers": "%s",
                     "entityflow.inspector.queryableState": "%s"}
                    """.formatted(restUrl, kafka, queryable));
            // the status bar says where Deploy goes once VS Code has read the settings
            browser.await("the status bar naming the cluster", Duration.ofSeconds(30), d ->
                    d.findElements(By.cssSelector(".statusbar-item")).stream()
                            .anyMatch(item -> item.getText().contains("entityflow: Flink " + java.net.URI.create(restUrl).getAuthority())) ? true : null);
            // the embedded run's notification may still be up: VS Code shows three at most, queueing the rest
            runCommand("Notifications: Clear All Notifications");
            runCommand("entityflow: Deploy to Flink");
            WebElement toast = awaitDeployed("running on the Flink cluster at " + restUrl, restUrl, clusterDir);
            assertThat(toast.getText()).contains("gateway http://127.0.0.1:" + gatewayPort);
            String jobId = browser.await("the job running on the cluster", Duration.ofSeconds(30), d -> jobIn(restUrl, "RUNNING"));

            // through the gateway, over Kafka, into the job on the cluster's task manager — a remote call included
            io.entityflow.flink.gateway.client.EntityClient client = io.entityflow.flink.gateway.client.EntityClient
                    .connect(java.net.URI.create("http://127.0.0.1:" + gatewayPort)).withTimeout(Duration.ofSeconds(30));
            client.create("Wallet", "c1");
            client.create("Wallet", "c2");
            client.call("Wallet", "c1", "deposit", 10);
            client.call("Wallet", "c1", "pay", "c2", 4);
            assertThat(client.state("Wallet", "c1").path("balance").asInt()).isEqualTo(6);
            assertThat(client.state("Wallet", "c2").path("balance").asInt()).isEqualTo(4);

            // the inspector of a cluster job reads the entity through the cluster's queryable state
            runCommand("entityflow: Open state inspector");
            String workbench = browser.driver.getWindowHandle();
            awaitInspectorOpened(workbench);
            assertThat(balanceInInspector(workbench, "c2", "vscode-inspector-cluster")).isEqualTo("4");
            closeOtherWindows(workbench);

            runCommand("entityflow: Stop");
            String finished = browser.await("the job stopped with a savepoint", Duration.ofMinutes(2), d -> jobIn(restUrl, "FINISHED"));
            assertThat(finished).isEqualTo(jobId);
            browser.await("the gateway stopped", Duration.ofSeconds(30), d -> portClosed(gatewayPort) ? true : null);
            browser.await("the status bar back to naming the cluster", Duration.ofSeconds(30), d ->
                    d.findElements(By.cssSelector(".statusbar-item")).stream()
                            .anyMatch(item -> item.getText().contains("entityflow: Flink ")) ? true : null);
        } finally {
            Files.deleteIfExists(workspace.resolve(".vscode/settings.json"));
            entityflow(Duration.ofMinutes(1), "cluster", "stop", "--dir", clusterDir.toString());
        }
    }

    /**
     * Waits for the notification saying the deployed program runs. An error notification fails at once with its
     * text; a timeout fails with what a post-mortem needs (the notifications shown, the cluster's jobs, the logs'
     * tails), as CI keeps nothing else of a failed run.
     */
    private static WebElement awaitDeployed(String running, String restUrl, Path clusterDir) throws Exception {
        try {
            return browser.await("the deployed notification", Duration.ofMinutes(3), d -> {
                for (WebElement toast : d.findElements(By.cssSelector(".notifications-toasts .notification-toast"))) {
                    String text = toast.getText();
                    if (text.contains(running)) {
                        return toast;
                    }
                    if (!toast.findElements(By.cssSelector(".codicon-error")).isEmpty()) {
                        throw new AssertionError("Deploy failed: " + text);
                    }
                }
                return null;
            });
        } catch (org.openqa.selenium.TimeoutException notYet) {
            browser.screenshot("vscode-deploy-timeout");
            StringBuilder report = new StringBuilder("no notification containing '" + running + "' in 3 minutes; shown: "
                    + browser.driver.findElements(By.cssSelector(".notifications-toasts .notification-toast")).stream()
                    .map(WebElement::getText).toList());
            if (clusterDir != null) {
                try {
                    report.append("\njobs: ").append(jobsOverview(restUrl));
                } catch (java.io.IOException | InterruptedException unreachable) {
                    report.append("\njobs: (").append(unreachable).append(")");
                }
                try (java.util.stream.Stream<Path> logs = Files.list(clusterDir.resolve("log"))) {
                    for (Path log : logs.toList()) {
                        report.append(tail(log, 40));
                    }
                }
            }
            report.append(tail(workspace.resolve(".entityflow/entityflow.log"), 40));
            throw new AssertionError(report.toString(), notYet);
        }
    }

    private static String tail(Path file, int lines) throws java.io.IOException {
        if (!Files.isRegularFile(file)) {
            return "\n(no " + file + ")";
        }
        List<String> all = Files.readAllLines(file);
        return "\n--- last " + lines + " lines of " + file + ":\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Runs the command line the extension carries and returns what it printed; fails unless it exits 0. */
    private static String entityflow(Duration timeout, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("server", "entityflow.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(scratch, "entityflow-", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("entityflow " + String.join(" ", args) + " did not finish in " + timeout + ":\n" + Files.readString(log));
        }
        String printed = Files.readString(log);
        assertThat(process.exitValue()).as("entityflow " + String.join(" ", args) + " printed:\n" + printed).isZero();
        return printed;
    }

    private static String printed(String output, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(output);
        assertThat(m.find()).as(regex + " in\n" + output).isTrue();
        return m.group(1);
    }

    /** The id of the one job the cluster's REST API lists in this state, or null. */
    private static String jobIn(String restUrl, String state) {
        try {
            com.fasterxml.jackson.databind.JsonNode jobs = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(jobsOverview(restUrl)).path("jobs");
            for (com.fasterxml.jackson.databind.JsonNode job : jobs) {
                if (job.path("state").asText().equals(state)) {
                    return job.path("jid").asText();
                }
            }
            return null;
        } catch (java.io.IOException | InterruptedException e) {
            return null;
        }
    }

    /** The cluster REST API's {@code /jobs/overview} (10 s at most). */
    private static String jobsOverview(String restUrl) throws java.io.IOException, InterruptedException {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(restUrl.replaceAll("/$", "") + "/jobs/overview")).timeout(Duration.ofSeconds(10)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static boolean portClosed(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return false;
        } catch (java.io.IOException closed) {
            return true;
        }
    }

    /** Waits until "Open state inspector" showed the inspector: in a browser tab, or in a frame inside VS Code. */
    private static String awaitInspectorOpened(String workbench) {
        // inside VS Code's Simple Browser (an iframe on the inspector, straight or through code-server's port
        // proxy), or, where VS Code has none, a browser tab
        return browser.await("the inspector opened", Duration.ofSeconds(60), d -> {
            String window = inspectorWindow(d, workbench);
            if (window != null) {
                d.switchTo().window(window);
                String url = d.getCurrentUrl();
                d.switchTo().window(workbench);
                return "tab " + url;
            }
            d.switchTo().defaultContent();
            boolean found = enterInspectorFrame(d, 0);
            d.switchTo().defaultContent();
            return found ? "simple browser" : null;
        });
    }

    /** The window besides the workbench that shows the inspector, or null; the driver is left on the workbench. */
    private static String inspectorWindow(org.openqa.selenium.WebDriver d, String workbench) {
        for (String window : d.getWindowHandles()) {
            if (!window.equals(workbench)) {
                d.switchTo().window(window);
                boolean inspector = showsInspector(d.getCurrentUrl());
                d.switchTo().window(workbench);
                if (inspector) {
                    return window;
                }
            }
        }
        return null;
    }

    /** The inspector's address, straight or through code-server's port proxy. */
    private static boolean showsInspector(String url) {
        return url.contains(":" + inspectorPort) || url.contains("/proxy/" + inspectorPort);
    }

    private static void closeOtherWindows(String workbench) {
        for (String window : browser.driver.getWindowHandles()) {
            if (!window.equals(workbench)) {
                browser.driver.switchTo().window(window);
                browser.driver.close();
            }
        }
        browser.driver.switchTo().window(workbench);
    }

    /** Looks the wallet up on the inspector's page, as a user would, and returns the balance it shows. */
    private static String balanceInInspector(String workbench, String key, String screenshot) throws Exception {
        return inInspector(workbench, () -> {
            browser.awaitVisible("#tab-entities", Duration.ofSeconds(30)).click();
            browser.await("the Wallet type in the lookup", Duration.ofSeconds(30), d ->
                    d.findElements(By.cssSelector("#entity-type option[value='wallet.Wallet']")).isEmpty() ? null : true);
            new org.openqa.selenium.support.ui.Select(browser.find("#entity-type")).selectByValue("wallet.Wallet");
            WebElement field = browser.find("#entity-key");
            field.clear();
            field.sendKeys(key);
            browser.find("#lookup").click();
            String shown;
            try {
                // the watched entity is redrawn as it changes: read the cell afresh until it is there
                shown = browser.await("Wallet " + key + "'s balance", Duration.ofSeconds(60), d -> {
                    try {
                        List<WebElement> cells = d.findElements(By.cssSelector("#entity-fields tr[data-field='balance'] td.value"));
                        return cells.isEmpty() || !cells.get(0).isDisplayed() ? null : cells.get(0).getText();
                    } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                        return null;
                    }
                });
            } catch (RuntimeException notShown) {
                browser.screenshot(screenshot + "-failed");
                throw new AssertionError("the inspector at " + browser.driver.getCurrentUrl() + " did not show Wallet " + key
                        + "; status '" + browser.find("#lookup-status").getText() + "', message '"
                        + browser.find("#message").getAttribute("textContent") + "'", notShown);
            }
            browser.screenshot(screenshot);
            return shown;
        });
    }

    /** Runs {@code look} on the inspector's page: the tab it opened in, or the Simple Browser's frame; then back. */
    private static <T> T inInspector(String workbench, java.util.concurrent.Callable<T> look) throws Exception {
        org.openqa.selenium.WebDriver d = browser.driver;
        try {
            String window = inspectorWindow(d, workbench);
            if (window != null) {
                d.switchTo().window(window);
            } else {
                assertThat(enterInspectorFrame(d, 0)).as("the inspector's frame").isTrue();
            }
            return look.call();
        } finally {
            d.switchTo().window(workbench);
            d.switchTo().defaultContent();
        }
    }

    /** Switches into the frame that loads the inspector (searching up to three deep); false if there is none. */
    private static boolean enterInspectorFrame(org.openqa.selenium.WebDriver d, int depth) {
        for (WebElement frame : d.findElements(By.cssSelector("iframe"))) {
            String src = String.valueOf(frame.getAttribute("src"));
            d.switchTo().frame(frame);
            if (showsInspector(src) || depth < 3 && enterInspectorFrame(d, depth + 1)) {
                return true;
            }
            d.switchTo().parentFrame();
        }
        return false;
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
