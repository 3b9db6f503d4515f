/* global EntityflowGraph */
// Demo of dist/entityflow-graph.js: a dataflow with a feedback cycle and live badges, and the block
// graph of one method through the methodGraph adapter.
(function () {
  'use strict';

  const dataflow = {
    nodes: [
      { id: 'requests', label: 'requests', sublabel: 'ingress', kind: 'ingress' },
      { id: 'loop-head', label: 'loop-head', sublabel: 'feedback head', kind: 'loop' },
      { id: 'router', label: 'router', sublabel: 'by entity key', kind: 'router' },
      { id: 'Item', label: 'Item', sublabel: 'entity', kind: 'entity' },
      { id: 'User', label: 'User', sublabel: 'entity', kind: 'entity' },
      { id: 'loop-tail', label: 'loop-tail', sublabel: 'feedback tail', kind: 'loop' },
      { id: 'responses', label: 'responses', sublabel: 'egress', kind: 'egress' },
    ],
    edges: [
      { from: 'requests', to: 'loop-head', kind: 'request' },
      { from: 'loop-head', to: 'router', kind: 'next' },
      { from: 'router', to: 'Item', kind: 'request' },
      { from: 'router', to: 'User', kind: 'request' },
      { from: 'User', to: 'loop-tail', kind: 'call', label: 'Item.getPrice, Item.updateStock' },
      { from: 'Item', to: 'loop-tail', kind: 'return', label: 'Item.getPrice' },
      { from: 'loop-tail', to: 'loop-head', kind: 'feedback', label: 'feedback' },
      { from: 'User', to: 'responses', kind: 'response' },
      { from: 'Item', to: 'responses', kind: 'response' },
    ],
  };

  const flow = EntityflowGraph.render(document.getElementById('dataflow'), dataflow, { badges: true });
  flow.setBadge('Item', 'in 1.2k/s \u00b7 out 1.1k/s \u00b7 busy 40%');
  flow.setBadge('User', 'in 800/s \u00b7 out 790/s \u00b7 busy 12%');
  flow.setBadge('router', 'in 2.0k/s \u00b7 out 2.0k/s \u00b7 busy 3% \u00b7 and a very long tail that gets cut');
  flow.setEdgeLabel('loop-tail', 'loop-head', 'feedback 410/s');
  flow.highlight(['User', 'loop-tail', 'loop-head']);

  const range = (l1, c1, l2, c2) => ({ startLine: l1, startColumn: c1, endLine: l2, endColumn: c2 });
  const buyItem = {
    name: 'buyItem', transactional: true, readOnly: false, suspending: true,
    parameters: ['amount', 'item'], returns: 'boolean',
    blocks: [
      { id: 0, range: range(35, 35, 35, 49),
        calls: [{ kind: 'remote', target: 'Item', method: 'getPrice', range: range(35, 35, 35, 49), resume: 1 }],
        live: ['amount', 'item'], exits: [] },
      { id: 1, range: range(35, 50, 40, 9),
        calls: [{ kind: 'remote', target: 'Item', method: 'updateStock', range: range(39, 13, 39, 36), resume: 2 }],
        live: ['amount', 'totalPrice'], exits: ['return'] },
      { id: 2, range: range(39, 37, 42, 21), calls: [], live: [], exits: ['return'] },
      { id: 3, range: range(43, 9, 43, 22), calls: [], live: [], exits: ['return'] },
    ],
    edges: [
      { from: 0, to: 1, kind: 'call', call: 'Item.getPrice' },
      { from: 1, to: 2, kind: 'call', call: 'Item.updateStock' },
    ],
  };

  const detail = document.getElementById('detail');
  const method = EntityflowGraph.render(document.getElementById('method'), EntityflowGraph.methodGraph(buyItem), {
    onNodeClick(node) {
      const r = node.detail && node.detail.range;
      detail.textContent = r
        ? `${node.label}: ${r.startLine}:${r.startColumn} \u2013 ${r.endLine}:${r.endColumn}`
        : node.label;
    },
  });
  method.select('b1');
}());
