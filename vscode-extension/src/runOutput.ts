// What the entityflow command line prints when it runs or deploys a program, read line by line: the
// addresses to offer the user, and the problems to show instead of a stack trace. Free of the vscode API.

export interface RunAddresses {
  gateway?: string;
  flinkUi?: string;
  inspector?: string;
  jobId?: string;
  /** The program runs (embedded: "Ctrl+C stops"; cluster: "deployed ... as job"). */
  ready: boolean;
}

/** EF diagnostics (FILE:LINE:COL: error CODE: message) and the command's own "entityflow: ..." lines. */
export interface RunProblems {
  diagnostics: string[];
  messages: string[];
}

const URL = /(https?:\/\/\S+)/;

export class RunOutput {
  readonly addresses: RunAddresses = { ready: false };
  readonly problems: RunProblems = { diagnostics: [], messages: [] };

  /** Reads one line; returns true when it made the program ready. */
  accept(line: string): boolean {
    const text = line.replace(/\r$/, "");
    const trimmed = text.trim();
    const url = URL.exec(trimmed)?.[1];
    if (trimmed.startsWith("gateway:") && url && !trimmed.includes("entityflow gateway")) {
      this.addresses.gateway = url;
    } else if (trimmed.startsWith("Flink web UI:") && url) {
      this.addresses.flinkUi = url;
    } else if (trimmed.startsWith("inspector:") && url) {
      this.addresses.inspector = url;
    }
    const deployed = /^entityflow: deployed \S+ as job ([0-9a-f]{32})/.exec(trimmed);
    if (deployed) {
      this.addresses.jobId = deployed[1];
    }
    if (/^\S+:\d+:\d+: error EF\d+/.test(trimmed)) {
      this.problems.diagnostics.push(trimmed);
    } else if (trimmed.startsWith("entityflow: ")) {
      this.problems.messages.push(trimmed.substring("entityflow: ".length));
    }
    const nowReady = !this.addresses.ready && (trimmed.startsWith("Ctrl+C stops") || deployed !== null
      || /^entityflow: gateway \S+ for \S+ at http/.test(trimmed));
    if (nowReady) {
      this.addresses.ready = true;
    }
    return nowReady;
  }

  /** What to tell a user whose run or deploy ended before it was ready: never a stack trace. */
  failure(exitCode: number | null): string {
    if (this.problems.diagnostics.length > 0) {
      return `entityflow: the program has ${this.problems.diagnostics.length} error(s) entityflow cannot split `
        + `(${this.problems.diagnostics[0].replace(/^.*?: error /, "")}${this.problems.diagnostics.length > 1 ? ", ..." : ""});`
        + " see the Problems panel";
    }
    const last = this.problems.messages.filter((m) => !m.startsWith("starting") && !m.startsWith("building")).pop();
    return last ? `entityflow: ${last}` : `entityflow: the command ended (exit ${exitCode ?? "signal"}) before the program ran`;
  }
}
