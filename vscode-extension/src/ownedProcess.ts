// An entityflow command the extension runs and owns: its output shown in a terminal (a pseudoterminal the
// extension writes to) and read line by line; stopped with SIGTERM, which makes `run` take a savepoint.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";

export class OwnedProcess implements vscode.Disposable {
  private readonly child: ChildProcess;
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number | void>();
  private readonly terminal: vscode.Terminal;
  private partial = "";
  readonly exited: Promise<number | null>;

  constructor(name: string, java: string, jar: string, args: string[], cwd: string, onLine: (line: string) => void) {
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.writer.event,
      onDidClose: this.closer.event,
      open: () => undefined,
      close: () => this.stop(),
    };
    this.terminal = vscode.window.createTerminal({ name, pty });
    this.writer.fire(`$ entityflow ${args.join(" ")}\r\n`);
    // Flink's log goes beside the program's state, not into the user's sources
    const logs = path.join(cwd, ".entityflow");
    fs.mkdirSync(logs, { recursive: true });
    this.child = spawn(java, ["-jar", jar, ...args], { cwd, env: { ...process.env, ENTITYFLOW_LOG: path.join(logs, "entityflow.log") } });
    const read = (chunk: Buffer) => {
      const text = this.partial + chunk.toString("utf8");
      const lines = text.split("\n");
      this.partial = lines.pop() ?? "";
      for (const line of lines) {
        this.writer.fire(`${line}\r\n`);
        onLine(line);
      }
    };
    this.child.stdout?.on("data", read);
    this.child.stderr?.on("data", read);
    this.exited = new Promise((resolve) => {
      this.child.on("error", (error) => {
        this.writer.fire(`entityflow: could not start ${java}: ${error.message}\r\n`);
        resolve(null);
      });
      this.child.on("exit", (code) => {
        if (this.partial) {
          onLine(this.partial);
          this.writer.fire(`${this.partial}\r\n`);
        }
        this.writer.fire(`[entityflow exited${code === null ? "" : ` with ${code}`}]\r\n`);
        resolve(code);
      });
    });
  }

  show(): void {
    this.terminal.show(true);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM: `entityflow run` stops its job with a savepoint, a gateway closes. */
  stop(): Promise<number | null> {
    if (this.running) {
      this.child.kill("SIGTERM");
    }
    return this.exited;
  }

  dispose(): void {
    void this.stop();
    this.terminal.dispose();
  }
}
