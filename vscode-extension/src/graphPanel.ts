// "entityflow: Show dataflow graph": a webview drawing the graph JSON of the active document with the
// inspector's renderer (the same bundle), following the method under the cursor, redrawn when the server
// says the graph changed, revealing a block's source when it is clicked.
import * as crypto from "crypto";
import * as vscode from "vscode";
import { methodAt, parseWebviewMessage, ShowGraphMessage } from "./graphProtocol";
import { LanguageServer } from "./languageServer";

export class GraphPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.Uri | undefined;
  private method: string | undefined;
  /** The method the user chose (code lens or click): kept until the cursor moves into another one. */
  private graph: unknown;
  private ready = false;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly media: vscode.Uri, private readonly server: LanguageServer) {
    server.onStarted((client) => {
      this.subscriptions.push(client.onNotification("entityflow/graphChanged", (params: { uri: string }) => {
        if (this.panel && this.document?.toString() === params.uri) {
          void this.refresh();
        }
      }));
    });
    this.subscriptions.push(vscode.window.onDidChangeTextEditorSelection((event) => {
      if (this.panel && event.textEditor.document.uri.toString() === this.document?.toString()) {
        const method = methodAt(this.graph, event.selections[0].active.line + 1);
        if (method && method !== this.method) {
          this.method = method;
          this.post();
        }
      }
    }));
  }

  /** Opens (or focuses) the view on a document, on one method when given ("Type.method"). */
  async show(uri: vscode.Uri | undefined, method: string | undefined): Promise<void> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage("entityflow: open an entity's Java file to see its graph.");
      return;
    }
    this.document = target;
    this.method = method;
    if (!this.panel) {
      // beside the editor, which keeps the focus: the user goes on typing and the view follows
      this.panel = vscode.window.createWebviewPanel("entityflow.graph", "entityflow graph",
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [this.media], retainContextWhenHidden: true });
      this.panel.webview.html = this.html(this.panel.webview);
      this.panel.webview.onDidReceiveMessage((message) => this.receive(message), undefined, this.subscriptions);
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.ready = false;
      }, undefined, this.subscriptions);
    } else {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    const client = this.server.running;
    if (!client || !this.document) {
      return;
    }
    try {
      this.graph = await client.sendRequest("entityflow/graph", { uri: this.document.toString() });
    } catch (e) {
      this.graph = { error: `the language server could not make this document's graph: ${String(e)}` };
    }
    if (this.method === undefined) {
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.document?.toString());
      this.method = editor ? methodAt(this.graph, editor.selection.active.line + 1) : undefined;
    }
    this.post();
  }

  private post(): void {
    if (this.panel && this.ready) {
      const message: ShowGraphMessage = { type: "graph", graph: this.graph, method: this.method };
      void this.panel.webview.postMessage(message);
    }
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      return;
    }
    if (message.type === "ready") {
      this.ready = true;
      this.post();
    } else if (message.type === "selectMethod") {
      this.method = message.method;
      this.post();
    } else if (message.type === "reveal" && this.document) {
      const r = message.range;
      // the whole block selected, the cursor at its start: that is where the editor scrolls and what a user reads first
      // (showTextDocument's own `selection` is a range, which puts the cursor at its end)
      const selection = new vscode.Selection(r.endLine - 1, r.endColumn, r.startLine - 1, r.startColumn - 1);
      void vscode.window.showTextDocument(this.document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false }).then((editor) => {
        editor.selection = selection;
        editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      });
    }
  }

  private html(webview: vscode.Webview): string {
    const nonce = crypto.randomBytes(16).toString("base64");
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.media, name)).toString();
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource}; script-src 'nonce-${nonce}'; font-src ${webview.cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset("graph.css")}">
<link rel="stylesheet" href="${asset("graph-view.css")}">
<title>entityflow graph</title>
</head>
<body>
<header id="title">entityflow graph</header>
<nav id="methods" aria-label="methods"></nav>
<main id="graph" aria-label="graph"></main>
<p id="message" hidden></p>
<script nonce="${nonce}" src="${asset("entityflow-graph.js")}"></script>
<script nonce="${nonce}" src="${asset("graph-view.js")}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.panel?.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
