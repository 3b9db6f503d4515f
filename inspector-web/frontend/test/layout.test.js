import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layout, nodeSize, selfLoopPoints, METRICS } from '../src/layout.js';
import { methodGraph } from '../src/adapters.js';

const finite = (p) => Number.isFinite(p.x) && Number.isFinite(p.y);

// The demo's dataflow: a feedback edge runs from the loop tail back to the loop head.
const cyclic = {
  nodes: ['requests', 'loop-head', 'router', 'Item', 'User', 'loop-tail', 'responses'].map((id) => ({ id, label: id, kind: 'entity' })),
  edges: [
    { from: 'requests', to: 'loop-head', kind: 'request' },
    { from: 'loop-head', to: 'router', kind: 'next' },
    { from: 'router', to: 'Item', kind: 'request' },
    { from: 'router', to: 'User', kind: 'request' },
    { from: 'User', to: 'loop-tail', kind: 'call', label: 'Item.getPrice' },
    { from: 'Item', to: 'loop-tail', kind: 'return' },
    { from: 'loop-tail', to: 'loop-head', kind: 'feedback', label: 'feedback' },
    { from: 'User', to: 'responses', kind: 'response' },
  ],
};

function assertPlaced(result, graph) {
  assert.equal(result.nodes.length, graph.nodes.length);
  const seen = new Set();
  for (const n of result.nodes) {
    assert.ok(finite(n), `node ${n.id} has finite x/y`);
    assert.ok(n.width > 0 && n.height > 0, `node ${n.id} has a size`);
    const key = `${Math.round(n.x)},${Math.round(n.y)}`;
    assert.ok(!seen.has(key), `node ${n.id} has a position of its own`);
    seen.add(key);
  }
  assert.equal(result.edges.length, graph.edges.length);
  for (const e of result.edges) {
    assert.ok(e.points.length >= 2 && e.points.every(finite), `edge ${e.edge.from}->${e.edge.to} is routed`);
    if (e.edge.label) assert.ok(finite(e.label), 'a labelled edge has a label position');
    else assert.equal(e.label, null);
  }
  assert.ok(result.width > 0 && result.height > 0);
}

test('layout places every node of a method graph at a distinct finite position', () => {
  const graph = methodGraph({
    name: 'buyItem', parameters: ['amount', 'item'], returns: 'boolean',
    blocks: [0, 1, 2, 3].map((id) => ({ id, range: { startLine: 30 + id, endLine: 31 + id }, calls: [], live: [], exits: id ? ['return'] : [] })),
    edges: [{ from: 0, to: 1, kind: 'call', call: 'Item.getPrice' }, { from: 1, to: 2, kind: 'call', call: 'Item.updateStock' }],
  });
  assertPlaced(layout(graph), graph);
});

test('a cyclic graph lays out without throwing, in both directions', () => {
  for (const rankdir of ['LR', 'TB']) {
    const result = layout(cyclic, { rankdir });
    assertPlaced(result, cyclic);
    const feedback = result.edges.find((e) => e.edge.kind === 'feedback');
    assert.equal(feedback.edge.from, 'loop-tail');
  }
});

test('LR puts ranks left to right', () => {
  const result = layout(cyclic);
  const x = Object.fromEntries(result.nodes.map((n) => [n.id, n.x]));
  assert.ok(x.requests < x['loop-head'] && x['loop-head'] < x.router && x.router < x.User);
});

test('self-loops and parallel edges are routed', () => {
  const graph = {
    nodes: [{ id: 'a', kind: 'entity' }, { id: 'b', kind: 'entity' }],
    edges: [
      { from: 'a', to: 'b', kind: 'call', label: 'B.x' },
      { from: 'a', to: 'b', kind: 'call', label: 'B.y' },
      { from: 'b', to: 'a', kind: 'return' },
      { from: 'b', to: 'b', kind: 'call', label: 'B.self' },
    ],
  };
  for (const rankdir of ['LR', 'TB']) {
    const result = layout(graph, { rankdir });
    assertPlaced(result, graph);
    const loop = result.edges.find((e) => e.edge.label === 'B.self');
    const b = result.nodes.find((n) => n.id === 'b');
    // the loop starts and ends on b's border
    for (const p of [loop.points[0], loop.points[loop.points.length - 1]]) {
      const onX = Math.abs(Math.abs(p.x - b.x) - b.width / 2) < 0.01 && Math.abs(p.y - b.y) <= b.height / 2;
      const onY = Math.abs(Math.abs(p.y - b.y) - b.height / 2) < 0.01 && Math.abs(p.x - b.x) <= b.width / 2;
      assert.ok(onX || onY, `${rankdir}: loop end ${JSON.stringify(p)} is on the border of b`);
    }
  }
});

test('edges to unknown nodes are dropped, not drawn to a phantom node', () => {
  const result = layout({ nodes: [{ id: 'a' }], edges: [{ from: 'a', to: 'nowhere', kind: 'call' }] });
  assert.equal(result.nodes.length, 1);
  assert.equal(result.edges.length, 0);
  assert.equal(result.dropped.length, 1);
});

test('an empty graph lays out', () => {
  const result = layout({ nodes: [], edges: [] });
  assert.deepEqual([result.nodes.length, result.edges.length], [0, 0]);
});

test('node size grows with text, sublabel lines and the badge line', () => {
  const small = nodeSize({ id: 'a', label: 'a' });
  const long = nodeSize({ id: 'a', label: 'a much longer label than that' });
  const lines = nodeSize({ id: 'a', label: 'a', sublabel: 'one\ntwo' });
  const badge = nodeSize({ id: 'a', label: 'a' }, { badges: true });
  assert.ok(long.width > small.width);
  assert.equal(lines.height, small.height + 2 * METRICS.subLine);
  assert.equal(badge.height, small.height + METRICS.badgeLine);
  assert.ok(badge.width > small.width, 'room for one badge line');
  // a custom measure (render passes the browser's) decides the width
  assert.equal(nodeSize({ id: 'a', label: 'abc' }, { measure: () => 100 }).width, 100 + 2 * METRICS.padX);
});

test('selfLoopPoints leaves towards the reserved spot', () => {
  const node = { x: 0, y: 0, width: 80, height: 40 };
  const below = selfLoopPoints(node, { x: 0, y: 60, width: 30, height: 14 });
  assert.ok(below.points.every((p) => p.y >= 20) && below.label.y > 20);
  const right = selfLoopPoints(node, { x: 100, y: 0, width: 30, height: 14 });
  assert.ok(right.points.every((p) => p.x >= 40) && right.label.x > 40);
});
