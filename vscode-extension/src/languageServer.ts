// Runs `entityflow lsp` from the CLI jar bundled in the extension, with the Java found by java.ts, and
// restarts it on demand. Its log (stderr) and the client's trace go to the "entityflow" output channel.
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import { findJava, JavaFound, JavaProblem } from "./java";
import { readSettings } from "./settings";

export class LanguageServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private java: JavaFound | undefined;
  private readonly listeners: ((client: LanguageClient) => void)[] = [];

  constructor(private readonly jar: string, private readonly output: vscode.LogOutputChannel) {}

  /** Called with each client once it runs (again after a restart): for notifications such as graphChanged. */
  onStarted(listener: (client: LanguageClient) => void): void {
    this.listeners.push(listener);
    if (this.client?.isRunning()) {
      listener(this.client);
    }
  }

  get running(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  /** The Java this server runs with (after start), for other commands that run the CLI. */
  get javaExecutable(): string | undefined {
    return this.java?.executable;
  }

  async start(): Promise<void> {
    const settings = readSettings((key) => vscode.workspace.getConfiguration("entityflow").get(key));
    try {
      this.java = await findJava(settings.javaHome, process.env);
    } catch (e) {
      const message = e instanceof JavaProblem ? e.message : `entityflow: cannot check Java: ${String(e)}`;
      this.output.appendLine(message);
      void vscode.window.showErrorMessage(message, "Open Settings").then((choice) => {
        if (choice) {
          void vscode.commands.executeCommand("workbench.action.openSettings", "entityflow.java.home");
        }
      });
      return;
    }
    this.output.appendLine(`entityflow: starting the language server with Java ${this.java.version} (${this.java.executable},`
      + ` from ${this.java.source})`);
    // no `transport`: the client would append --stdio, which `entityflow lsp` (stdio by default) refuses
    const serverOptions: ServerOptions = {
      command: this.java.executable,
      args: ["-jar", this.jar, "lsp"],
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: "file", language: "java" }],
      outputChannel: this.output,
    };
    this.client = new LanguageClient("entityflow", "entityflow", serverOptions, clientOptions);
    try {
      await this.client.start();
    } catch (e) {
      this.output.error(`entityflow: the language server did not start: ${String(e)}`);
      void vscode.window.showErrorMessage("entityflow: the language server did not start; see the entityflow output.");
      return;
    }
    for (const listener of this.listeners) {
      listener(this.client);
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      await client.stop();
    }
  }

  dispose(): void {
    void this.stop();
  }
}
