import { test } from "node:test";
import * as assert from "node:assert/strict";
import { methodAt, parseWebviewMessage } from "../src/graphProtocol";

const range = (startLine: number, endLine: number) => ({ startLine, startColumn: 1, endLine, endColumn: 2 });

test("messages from the webview are checked; anything else is dropped", () => {
  assert.deepEqual(parseWebviewMessage({ type: "ready" }), { type: "ready" });
  assert.deepEqual(parseWebviewMessage({ type: "reveal", range: range(3, 5) }), { type: "reveal", range: range(3, 5) });
  assert.equal(parseWebviewMessage({ type: "reveal", range: { startLine: 0 } }), undefined);
  assert.equal(parseWebviewMessage({ type: "reveal", range: range(5, 3) }), undefined);
  assert.deepEqual(parseWebviewMessage({ type: "selectMethod", method: "User.buyItem" }), { type: "selectMethod", method: "User.buyItem" });
  assert.equal(parseWebviewMessage({ type: "selectMethod", method: "x; alert(1)" }), undefined);
  assert.equal(parseWebviewMessage({ type: "run", command: "rm -rf /" }), undefined);
  assert.equal(parseWebviewMessage("ready"), undefined);
  assert.equal(parseWebviewMessage(null), undefined);
});

test("the method under the cursor is the innermost whose blocks span the line", () => {
  const graph = {
    entities: [{
      name: "User",
      methods: [
        { name: "deposit", blocks: [{ range: range(29, 31) }] },
        { name: "buyItem", blocks: [{ range: range(34, 36) }, { range: range(37, 44) }] },
        { name: "none", blocks: [] },
      ],
    }],
  };
  assert.equal(methodAt(graph, 30), "User.deposit");
  assert.equal(methodAt(graph, 40), "User.buyItem");
  assert.equal(methodAt(graph, 33), undefined);
  assert.equal(methodAt(undefined, 3), undefined);
});
