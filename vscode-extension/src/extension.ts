// The entityflow extension: the language server (diagnostics, hover, code lens, semantic tokens, quick
// fixes), the dataflow graph view, and the commands around them.
import * as vscode from "vscode";
import { Deployment } from "./deployment";
import { GraphPanel } from "./graphPanel";
import { LanguageServer } from "./languageServer";

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("entityflow", { log: true });
  const server = new LanguageServer(context.asAbsolutePath("server/entityflow.jar"), output);
  const graph = new GraphPanel(vscode.Uri.joinPath(context.extensionUri, "media"), server);
  const deployment = new Deployment(context.asAbsolutePath("server/entityflow.jar"), server);
  context.subscriptions.push(output, server, graph, deployment,
    vscode.commands.registerCommand("entityflow.deploy", () => deployment.deploy()),
    vscode.commands.registerCommand("entityflow.stop", () => deployment.stop()),
    vscode.commands.registerCommand("entityflow.openInspector", () => deployment.openInspector()),
    vscode.commands.registerCommand("entityflow.restartServer", async () => {
      output.appendLine("entityflow: restarting the language server");
      await server.restart();
    }),
    // the code lens passes the document's URI (a string) and "Type.method"
    vscode.commands.registerCommand("entityflow.showGraph", async (uri?: string | vscode.Uri, method?: string) => {
      const target = typeof uri === "string" ? vscode.Uri.parse(uri) : uri;
      await graph.show(target, typeof method === "string" ? method : undefined);
    }));
  await server.start();
}

export function deactivate(): void {
  // the subscriptions stop the server and close the view
}
