// "Deploy to Flink", "Stop", "Open state inspector": runs the workspace's entities with the command line the
// extension carries — on the embedded cluster (`entityflow run`) when no Flink REST URL is set, else on that
// cluster (`entityflow deploy`, then `entityflow gateway` in front of it) — and offers the addresses.
import * as vscode from "vscode";
import { LanguageServer } from "./languageServer";
import { OwnedProcess } from "./ownedProcess";
import { RunAddresses, RunOutput } from "./runOutput";
import { clusterInspectorPort, deployTarget, readSettings, Settings } from "./settings";

interface Running {
  folder: string;
  settings: Settings;
  addresses: RunAddresses;
  processes: OwnedProcess[];
  inspector?: OwnedProcess;
  inspectorUrl?: string;
}

export class Deployment implements vscode.Disposable {
  private running: Running | undefined;
  private readonly status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);

  private readonly configuration: vscode.Disposable;

  constructor(private readonly jar: string, private readonly server: LanguageServer) {
    this.configuration = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("entityflow") && !this.running) {
        this.showIdle();
      }
    });
    this.showIdle();
  }

  /** Nothing runs: the status bar says where "Deploy to Flink" would go, and a click deploys. */
  private showIdle(): void {
    try {
      const settings = readSettings((key) => vscode.workspace.getConfiguration("entityflow").get(key));
      this.status.text = `$(rocket) entityflow: ${deployTarget(settings)}`;
      this.status.tooltip = `Deploy to ${settings.flinkRestUrl ?? "the embedded Flink cluster"}`;
    } catch (e) {
      this.status.text = "$(warning) entityflow: settings";
      this.status.tooltip = String((e as Error).message);
    }
    this.status.command = "entityflow.deploy";
    this.status.show();
  }

  private showRunning(running: Running): void {
    this.status.text = `$(pulse) entityflow: ${running.addresses.jobId ? `job ${running.addresses.jobId.substring(0, 8)}` : "running"}`;
    this.status.tooltip = `gateway ${running.addresses.gateway ?? "?"} — click to open the state inspector`;
    this.status.command = "entityflow.openInspector";
    this.status.show();
  }

  async deploy(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const java = this.server.javaExecutable;
    if (!folder || !java) {
      void vscode.window.showErrorMessage(!folder ? "entityflow: open the folder of your entities first."
        : "entityflow: no Java 17 or newer was found; see the entityflow output.");
      return;
    }
    if (this.running) {
      void this.offer("entityflow: the program is already running; stop it first to deploy again.", this.running.addresses);
      return;
    }
    let settings: Settings;
    try {
      settings = readSettings((key) => vscode.workspace.getConfiguration("entityflow").get(key));
    } catch (e) {
      void vscode.window.showErrorMessage(String((e as Error).message));
      return;
    }
    await vscode.workspace.saveAll(false);
    const where = settings.flinkRestUrl ? `the Flink cluster at ${settings.flinkRestUrl}` : "the embedded Flink cluster";
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `entityflow: deploying to ${where}` },
      async () => {
        const running = settings.flinkRestUrl ? await this.onCluster(java, folder, settings) : await this.embedded(java, folder, settings);
        if (running) {
          this.running = running;
          this.showRunning(running);
          void this.offer(`entityflow: running on ${where}; gateway ${running.addresses.gateway}`, running.addresses);
        }
      });
  }

  private async embedded(java: string, folder: string, settings: Settings): Promise<Running | undefined> {
    const output = new RunOutput();
    const process = await this.startUntilReady("entityflow run", java, ["run", folder, "--port", String(settings.gatewayPort),
      "--inspector-port", String(settings.inspectorPort)], folder, output);
    return process ? { folder, settings, addresses: output.addresses, processes: [process], inspectorUrl: output.addresses.inspector }
      : undefined;
  }

  private async onCluster(java: string, folder: string, settings: Settings): Promise<Running | undefined> {
    const deployed = new RunOutput();
    const deploy = await this.startUntilReady("entityflow deploy", java, ["deploy", folder, "--flink", settings.flinkRestUrl!,
      "--kafka", settings.kafkaBootstrapServers], folder, deployed);
    if (!deploy) {
      return undefined;
    }
    const served = new RunOutput();
    const gateway = await this.startUntilReady("entityflow gateway", java, ["gateway", "--program", folder, "--kafka",
      settings.kafkaBootstrapServers, "--port", String(settings.gatewayPort)], folder, served);
    if (!gateway) {
      return undefined;
    }
    const addresses: RunAddresses = { ...deployed.addresses, gateway: `http://127.0.0.1:${settings.gatewayPort}`, ready: true };
    return { folder, settings, addresses, processes: [gateway] };
  }

  /** Starts a command and waits until it says the program runs, or fails: then says why, never with a stack trace. */
  private async startUntilReady(name: string, java: string, args: string[], cwd: string, output: RunOutput)
    : Promise<OwnedProcess | undefined> {
    let ready: () => void = () => undefined;
    const readyNow = new Promise<void>((resolve) => { ready = resolve; });
    const process = new OwnedProcess(name, java, this.jar, args, cwd, (line) => {
      if (output.accept(line)) {
        ready();
      }
    });
    const ended = await Promise.race([readyNow.then(() => "ready" as const), process.exited.then((code) => code)]);
    if (ended === "ready") {
      return process;
    }
    process.show();
    const message = output.failure(ended);
    if (output.problems.diagnostics.length > 0) {
      void vscode.commands.executeCommand("workbench.actions.view.problems");
    }
    void vscode.window.showErrorMessage(message);
    return undefined;
  }

  private async offer(message: string, addresses: RunAddresses): Promise<void> {
    const choices = [addresses.gateway && "Open gateway", addresses.flinkUi && "Flink UI", "Open state inspector"]
      .filter((c): c is string => Boolean(c));
    const choice = await vscode.window.showInformationMessage(message, ...choices);
    if (choice === "Open gateway" && addresses.gateway) {
      await vscode.env.openExternal(vscode.Uri.parse(addresses.gateway));
    } else if (choice === "Flink UI" && addresses.flinkUi) {
      await vscode.env.openExternal(vscode.Uri.parse(addresses.flinkUi));
    } else if (choice === "Open state inspector") {
      await this.openInspector();
    }
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) {
      void vscode.window.showInformationMessage("entityflow: nothing is running.");
      return;
    }
    this.running = undefined;
    this.showIdle();
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: "entityflow: stopping with a savepoint" },
      async () => {
        await running.inspector?.stop();
        for (const process of running.processes) {
          await process.stop();
        }
        if (running.addresses.jobId && running.settings.flinkRestUrl && this.server.javaExecutable) {
          const output = new RunOutput();
          const stop = new OwnedProcess("entityflow stop", this.server.javaExecutable, this.jar,
            ["stop", "--flink", running.settings.flinkRestUrl, running.addresses.jobId], running.folder, (line) => output.accept(line));
          const code = await stop.exited;
          if (code !== 0) {
            stop.show();
            void vscode.window.showErrorMessage(output.failure(code));
          }
        }
      });
  }

  /** The inspector of the running program: the one `run` serves, or `entityflow inspect` for a cluster job. */
  async openInspector(): Promise<void> {
    const running = this.running;
    if (!running) {
      void vscode.window.showInformationMessage("entityflow: deploy the program first (entityflow: Deploy to Flink).");
      return;
    }
    if (!running.inspectorUrl && running.addresses.jobId && running.settings.flinkRestUrl && this.server.javaExecutable) {
      const output = new RunOutput();
      const args = ["inspect", "--flink", running.settings.flinkRestUrl, "--program", running.folder, "--job",
        running.addresses.jobId, "--port", String(clusterInspectorPort(running.settings))];
      if (running.settings.queryableState) {
        args.push("--queryable", running.settings.queryableState);
      }
      let opened: () => void = () => undefined;
      const served = new Promise<void>((resolve) => { opened = resolve; });
      running.inspector = new OwnedProcess("entityflow inspect", this.server.javaExecutable, this.jar, args, running.folder, (line) => {
        output.accept(line);
        if (output.addresses.inspector) {
          opened();
        }
      });
      const ended = await Promise.race([served.then(() => "served" as const), running.inspector.exited]);
      if (ended !== "served") {
        void vscode.window.showErrorMessage(output.failure(ended));
        return;
      }
      running.inspectorUrl = output.addresses.inspector;
    }
    if (running.inspectorUrl) {
      // inside VS Code when its Simple Browser is there, else in the user's browser
      const commands = await vscode.commands.getCommands(true);
      if (commands.includes("simpleBrowser.show")) {
        await vscode.commands.executeCommand("simpleBrowser.show", running.inspectorUrl);
      } else {
        await vscode.env.openExternal(vscode.Uri.parse(running.inspectorUrl));
      }
    }
  }

  dispose(): void {
    this.configuration.dispose();
    this.status.dispose();
    const running = this.running;
    this.running = undefined;
    running?.inspector?.dispose();
    running?.processes.forEach((p) => p.dispose());
  }
}
