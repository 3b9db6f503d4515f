import { test } from 'node:test';
import assert from 'node:assert/strict';
import { methodGraph, dataflowGraph, shorten } from '../src/adapters.js';

const range = (l1, c1, l2, c2) => ({ startLine: l1, startColumn: c1, endLine: l2, endColumn: c2 });

// The buyItem method as GraphJson writes it (ir-graph), with a block that throws and one unreachable block.
const buyItem = {
  name: 'buyItem', transactional: true, readOnly: false, suspending: true,
  parameters: ['amount', 'item'], returns: 'boolean',
  blocks: [
    { id: 0, range: range(35, 35, 35, 49),
      calls: [{ kind: 'remote', target: 'Item', method: 'getPrice', range: range(35, 35, 35, 49), resume: 1 }],
      live: ['amount', 'item'], exits: [] },
    { id: 1, range: range(35, 50, 40, 9),
      calls: [{ kind: 'remote', target: 'Item', method: 'updateStock', range: range(39, 13, 39, 36), resume: 2 }],
      live: [], exits: ['return'] },
    { id: 2, range: range(39, 37, 42, 21), calls: [], live: [], exits: ['return', 'throw'] },
    { id: 3, range: range(43, 9, 43, 22), calls: [], live: [], exits: ['return'] },
  ],
  edges: [
    { from: 0, to: 1, kind: 'call', call: 'Item.getPrice' },
    { from: 1, to: 2, kind: 'call', call: 'Item.updateStock' },
  ],
};

const pairs = (edges) => edges.map((e) => `${e.from}->${e.to}:${e.kind}`);

test('methodGraph: one node per block plus entry and exit', () => {
  const g = methodGraph(buyItem);
  assert.deepEqual(g.nodes.map((n) => n.id), ['entry', 'b0', 'b1', 'b2', 'b3', 'exit']);
  const b0 = g.nodes.find((n) => n.id === 'b0');
  assert.equal(b0.label, 'block 0');
  assert.equal(b0.kind, 'block');
  assert.equal(b0.sublabel, 'line 35\ncalls Item.getPrice\nsaves amount, item');
  assert.equal(b0.detail, buyItem.blocks[0], 'the block object is the detail, for its source range');
  assert.equal(g.nodes.find((n) => n.id === 'b1').sublabel, 'lines 35\u201340\ncalls Item.updateStock\nreturns');
  assert.equal(g.nodes.find((n) => n.id === 'b2').sublabel, 'lines 39\u201342\nreturns\nthrows');
  assert.equal(g.nodes[0].kind, 'entry');
  assert.equal(g.nodes[5].kind, 'exit');
});

test('methodGraph: entry edge, call edges with their call as label, exit edges', () => {
  const g = methodGraph(buyItem);
  assert.deepEqual(pairs(g.edges), [
    'entry->b0:entry',
    'b0->b1:call',
    'b1->b2:call',
    'b1->exit:exit',
    'b2->exit:exit',
    'b2->exit:exit',
    'b3->exit:exit',
  ]);
  assert.equal(g.edges[1].label, 'Item.getPrice');
  assert.equal(g.edges[2].label, 'Item.updateStock');
  assert.deepEqual(g.edges.filter((e) => e.label === 'throws').map((e) => e.from), ['b2']);
});

test('methodGraph: creations, calls without a method and unknown edge kinds', () => {
  const g = methodGraph({
    name: 'make', parameters: [], blocks: [
      { id: 0, range: range(1, 1, 1, 9), calls: [{ kind: 'create', target: 'Order', range: range(1, 1, 1, 9), resume: 1 }], live: [], exits: [] },
      { id: 1, range: range(2, 1, 2, 9), calls: [], live: [], exits: [] },
    ],
    edges: [{ from: 0, to: 1, kind: 'call', call: 'new Order' }, { from: 1, to: 0, kind: 'loop', call: null }],
  });
  assert.match(g.nodes.find((n) => n.id === 'b0').sublabel, /calls new Order/);
  const loop = g.edges.find((e) => e.kind === 'loop');
  assert.deepEqual([loop.from, loop.to, loop.label], ['b1', 'b0', undefined]);
  assert.equal(g.edges.filter((e) => e.to === 'exit').length, 0);
});

test('dataflowGraph maps operators and edges', () => {
  const g = dataflowGraph({
    entities: [],
    operators: [
      { id: 'ingress', kind: 'ingress', uid: 'entityflow-ingress' },
      { id: 'User', kind: 'entity', entity: 'User', uid: 'u1' },
      { id: 'Item', kind: 'entity', entity: 'Item', uid: 'u2' },
      { id: 'egress', kind: 'egress', uid: 'entityflow-egress' },
    ],
    edges: [
      { from: 'ingress', to: 'User', kind: 'request' },
      { from: 'User', to: 'Item', kind: 'call', calls: ['Item.getPrice', 'Item.updateStock', 'Item.reserveForLaterDelivery'] },
      { from: 'Item', to: 'User', kind: 'return', calls: ['Item.getPrice'] },
      { from: 'User', to: 'egress', kind: 'response' },
    ],
  });
  assert.deepEqual(g.nodes.map((n) => [n.id, n.label, n.sublabel, n.kind]), [
    ['ingress', 'ingress', 'ingress', 'ingress'],
    ['User', 'User', 'entity', 'entity'],
    ['Item', 'Item', 'entity', 'entity'],
    ['egress', 'egress', 'egress', 'egress'],
  ]);
  assert.equal(g.nodes[1].detail.uid, 'u1');
  assert.deepEqual(pairs(g.edges), ['ingress->User:request', 'User->Item:call', 'Item->User:return', 'User->egress:response']);
  assert.equal(g.edges[0].label, undefined);
  assert.equal(g.edges[1].label.length, 40);
  assert.equal(g.edges[1].label, 'Item.getPrice, Item.updateStock, Item.r\u2026');
  assert.equal(g.edges[2].label, 'Item.getPrice');
});

test('shorten keeps short text and cuts long text to the limit', () => {
  assert.equal(shorten('abc', 40), 'abc');
  assert.equal(shorten('x'.repeat(41), 40), 'x'.repeat(39) + '\u2026');
});
