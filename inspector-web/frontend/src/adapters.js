// Adapters from entityflow's graph JSON (ir-graph GraphJson) to the {nodes, edges} that render() draws.
// Pure functions: no DOM, tested under node.

const EN_DASH = '\u2013';

/** Shortens text to at most max characters, ending in an ellipsis when cut. */
export function shorten(text, max) {
  const s = String(text);
  return s.length <= max ? s : s.slice(0, Math.max(0, max - 1)) + '\u2026';
}

function linesOf(range) {
  if (!range || range.startLine == null) return null;
  const end = range.endLine ?? range.startLine;
  return end === range.startLine ? `line ${range.startLine}` : `lines ${range.startLine}${EN_DASH}${end}`;
}

function callText(call) {
  // A creation has no method and reads "new Item", as the method's call edges do.
  if (call.kind === 'create') return `new ${call.target}`;
  return call.method == null ? String(call.target) : `${call.target}.${call.method}`;
}

/**
 * One method of the graph JSON (entities[].methods[]) as a graph of its blocks:
 * nodes "b<id>" plus a synthetic "entry" (pointing to block 0) and "exit" (pointed to by every block
 * that returns or throws). Each block node carries the block object as `detail`.
 */
export function methodGraph(method) {
  const blocks = (method && method.blocks) || [];
  const nodes = [];
  const edges = [];

  const signature = `${method.name || '?'}(${(method.parameters || []).join(', ')})` + (method.returns ? `: ${method.returns}` : '');
  const flags = ['transactional', 'readOnly', 'suspending'].filter((f) => method[f]).join(' \u00b7 ');
  nodes.push({
    id: 'entry',
    label: 'entry',
    sublabel: flags ? `${signature}\n${flags}` : signature,
    kind: 'entry',
    detail: method,
  });

  for (const block of blocks) {
    const sub = [];
    const lines = linesOf(block.range);
    if (lines) sub.push(lines);
    for (const call of block.calls || []) sub.push(`calls ${callText(call)}`);
    if (block.live && block.live.length) sub.push(`saves ${block.live.join(', ')}`);
    const exits = block.exits || [];
    if (exits.includes('return')) sub.push('returns');
    if (exits.includes('throw')) sub.push('throws');
    nodes.push({ id: `b${block.id}`, label: `block ${block.id}`, sublabel: sub.join('\n'), kind: 'block', detail: block });
  }

  nodes.push({ id: 'exit', label: 'exit', sublabel: method.returns ? `returns ${method.returns}` : undefined, kind: 'exit' });

  if (blocks.some((b) => b.id === 0)) edges.push({ from: 'entry', to: 'b0', kind: 'entry' });
  for (const e of method.edges || []) {
    edges.push({ from: `b${e.from}`, to: `b${e.to}`, kind: e.kind || 'next', label: e.call || undefined });
  }
  for (const block of blocks) {
    const exits = block.exits || [];
    if (exits.includes('return')) edges.push({ from: `b${block.id}`, to: 'exit', kind: 'exit' });
    if (exits.includes('throw')) edges.push({ from: `b${block.id}`, to: 'exit', kind: 'exit', label: 'throws' });
  }
  return { nodes, edges };
}

/**
 * The top-level dataflow of the graph JSON: operators [{id, kind, entity?, uid}] and
 * edges [{from, to, kind, calls?}] as nodes (label = entity or id, sublabel = kind) and edges
 * (label = the calls, joined and shortened to 40 characters).
 */
export function dataflowGraph(graphJson) {
  const operators = (graphJson && graphJson.operators) || [];
  const nodes = operators.map((op) => ({
    id: String(op.id),
    label: op.entity || String(op.id),
    sublabel: op.kind,
    kind: op.kind || 'operator',
    detail: op,
  }));
  const edges = ((graphJson && graphJson.edges) || []).map((e) => ({
    from: String(e.from),
    to: String(e.to),
    kind: e.kind || 'next',
    label: e.calls && e.calls.length ? shorten(e.calls.join(', '), 40) : undefined,
  }));
  return { nodes, edges };
}
