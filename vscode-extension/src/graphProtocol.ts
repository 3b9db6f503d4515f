// The messages between the extension and its graph webview, and which method of a document's graph JSON
// the cursor is in. Free of the vscode API: unit-tested.

/** A source range as the graph JSON has it: 1-based lines and columns. */
export interface GraphRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** Extension → webview: draw this graph; `method` ("Type.method") picks one method's blocks. */
export interface ShowGraphMessage {
  type: "graph";
  graph: unknown;
  method: string | undefined;
}

/** Webview → extension. */
export type WebviewMessage =
  | { type: "ready" }
  | { type: "reveal"; range: GraphRange }
  | { type: "selectMethod"; method: string | undefined };

function isRange(value: unknown): value is GraphRange {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const r = value as Record<string, unknown>;
  return ["startLine", "startColumn", "endLine", "endColumn"].every((k) => Number.isInteger(r[k]) && (r[k] as number) >= 1)
    && (r.endLine as number) >= (r.startLine as number);
}

/** A message from the webview, checked: anything else (a page script gone wrong) is undefined and ignored. */
export function parseWebviewMessage(message: unknown): WebviewMessage | undefined {
  if (typeof message !== "object" || message === null) {
    return undefined;
  }
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case "ready":
      return { type: "ready" };
    case "reveal":
      return isRange(m.range) ? { type: "reveal", range: m.range } : undefined;
    case "selectMethod":
      return m.method === undefined || (typeof m.method === "string" && /^[\w$]+\.[\w$]+$/.test(m.method))
        ? { type: "selectMethod", method: m.method as string | undefined } : undefined;
    default:
      return undefined;
  }
}

interface GraphJsonMethod {
  name: string;
  blocks?: { range?: GraphRange }[];
}

interface GraphJsonEntity {
  name: string;
  methods?: GraphJsonMethod[];
}

/**
 * "Type.method" of the method whose blocks span the 1-based `line` in this document's graph JSON, or
 * undefined (the cursor is between methods, or on a field).
 */
export function methodAt(graph: unknown, line: number): string | undefined {
  const entities = (graph as { entities?: GraphJsonEntity[] } | undefined)?.entities ?? [];
  let best: { name: string; span: number } | undefined;
  for (const entity of entities) {
    for (const method of entity.methods ?? []) {
      const ranges = (method.blocks ?? []).map((b) => b.range).filter(isRange);
      if (ranges.length === 0) {
        continue;
      }
      const start = Math.min(...ranges.map((r) => r.startLine));
      const end = Math.max(...ranges.map((r) => r.endLine));
      if (line >= start && line <= end && (best === undefined || end - start < best.span)) {
        best = { name: `${entity.name}.${method.name}`, span: end - start };
      }
    }
  }
  return best?.name;
}
