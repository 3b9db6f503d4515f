// Pure layout: sizes every node from its text, lets dagre place nodes and route edges, and returns
// plain positioned objects. No DOM here, so it runs (and is tested) under node as well as in a browser.
import dagre from '@dagrejs/dagre';

// Text metrics shared with render.js and graph.css (font sizes there must match these line heights).
export const METRICS = {
  padX: 12,
  padY: 8,
  labelLine: 18, // bold 13px label
  subLine: 15, // 11px sublabel lines
  badgeLine: 15, // 11px badge line
  edgeLabelLine: 14, // 11px edge labels
  minWidth: 60,
  badgeChars: 34, // width reserved for one badge, e.g. "in 1.2k/s · out 1.1k/s · busy 40%"
};

// Rough average glyph width as a fraction of the font size; errs wide so text is not clipped
// when the real width cannot be measured (node tests, a container not yet in the document).
const FONT_SIZE = { label: 13, sublabel: 11, badge: 11, edgeLabel: 11 };
const BOLD = { label: true };

export function approxTextWidth(text, role) {
  const size = FONT_SIZE[role] || 12;
  return String(text).length * size * (BOLD[role] ? 0.64 : 0.6);
}

/** The text lines of a node: the bold label and the sublabel split on newlines. */
export function nodeLines(node) {
  const label = node.label == null ? String(node.id) : String(node.label);
  const sub = node.sublabel == null || node.sublabel === '' ? [] : String(node.sublabel).split('\n');
  return { label, sub };
}

/** Width and height a node needs for its text (and one badge line when badges are on). */
export function nodeSize(node, options = {}) {
  const measure = options.measure || approxTextWidth;
  const m = METRICS;
  const { label, sub } = nodeLines(node);
  let textWidth = measure(label, 'label');
  for (const line of sub) textWidth = Math.max(textWidth, measure(line, 'sublabel'));
  let height = m.padY * 2 + m.labelLine + sub.length * m.subLine;
  if (options.badges) {
    textWidth = Math.max(textWidth, measure('x'.repeat(m.badgeChars), 'badge'));
    height += m.badgeLine;
  }
  return { width: Math.max(m.minWidth, Math.ceil(textWidth + m.padX * 2)), height };
}

/**
 * Lays out graph = {nodes:[{id,label,sublabel?,kind}], edges:[{from,to,kind,label?}]}.
 * options: rankdir ('LR'), nodesep, ranksep, edgesep, badges, measure(text, role) -> px.
 * Returns {width, height, nodes:[{id, node, x, y, width, height}], edges:[{edge, points:[{x,y}], label:{x,y}|null}]}
 * where x/y of a node is its centre. Edges whose ends are not nodes are dropped (and listed in `dropped`).
 */
export function layout(graph, options = {}) {
  const measure = options.measure || approxTextWidth;
  // multigraph: the dataflow has several edges between one pair (a call and its return go both ways,
  // a method block may both return and throw into the exit node).
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: options.rankdir || 'LR',
    nodesep: options.nodesep ?? 30,
    ranksep: options.ranksep ?? 50,
    edgesep: options.edgesep ?? 15,
    marginx: 16,
    marginy: 16,
  });
  g.setDefaultEdgeLabel(() => ({}));

  const nodes = graph.nodes || [];
  for (const node of nodes) {
    g.setNode(String(node.id), { ...nodeSize(node, { ...options, measure }), node });
  }

  const kept = [];
  const dropped = [];
  (graph.edges || []).forEach((edge, i) => {
    const from = String(edge.from);
    const to = String(edge.to);
    if (!g.hasNode(from) || !g.hasNode(to)) {
      dropped.push(edge);
      return;
    }
    const text = edge.label == null ? '' : String(edge.label);
    // dagre reserves room for a label of this size and reports where it put it.
    const label = text
      ? { width: Math.ceil(measure(text, 'edgeLabel')) + 6, height: METRICS.edgeLabelLine, labelpos: 'c' }
      : { width: 0, height: 0 };
    g.setEdge(from, to, { ...label, edge, hasLabel: !!text }, 'e' + i);
    kept.push({ from, to, name: 'e' + i });
  });

  dagre.layout(g);

  const out = g.graph();
  return {
    width: out.width || 0,
    height: out.height || 0,
    nodes: g.nodes().map((id) => {
      const n = g.node(id);
      return { id, node: n.node, x: n.x, y: n.y, width: n.width, height: n.height };
    }),
    edges: kept.map(({ from, to, name }) => {
      const e = g.edge(from, to, name);
      if (from === to) {
        const loop = selfLoopPoints(g.node(from), e);
        return { edge: e.edge, points: loop.points, label: e.hasLabel ? loop.label : null };
      }
      return {
        edge: e.edge,
        points: (e.points || []).map((p) => ({ x: p.x, y: p.y })),
        label: e.hasLabel ? { x: e.x, y: e.y } : null,
      };
    }),
    dropped,
  };
}

/**
 * Route of a self-loop (a local call that splits, an entity calling itself). dagre reserves a spot
 * beside the node for it (below in LR, to the right in TB) and reports that spot as the edge's x/y/size,
 * but the points dagre 3 gives such an edge zigzag through the node, so the loop is drawn here: out of
 * the node's side that faces the spot and back in, with the label just beyond the loop's far end.
 * Returns {points, label: {x, y}}.
 */
export function selfLoopPoints(node, spot) {
  const dx = spot.x - node.x;
  const dy = spot.y - node.y;
  const vertical = Math.abs(dy) >= Math.abs(dx); // the spot is below or above the node
  // u runs along the side the loop leaves from; v away from the node, towards the spot.
  const half = vertical ? node.height / 2 : node.width / 2;
  const sign = (vertical ? dy : dx) < 0 ? -1 : 1;
  const labelHalf = ((vertical ? spot.height : spot.width) || 0) / 2;
  const reach = Math.max(Math.abs(vertical ? dy : dx) - half - labelHalf - 2, 14);
  const spread = Math.min((vertical ? node.width : node.height) / 4, 18);
  const at = (u, v) => (vertical
    ? { x: node.x + u, y: node.y + sign * (half + v) }
    : { x: node.x + sign * (half + v), y: node.y + u });
  return {
    points: [at(-spread, 0), at(-spread, reach * 0.5), at(-spread, reach), at(spread, reach), at(spread, reach * 0.5), at(spread, 0)],
    label: at(0, reach + labelHalf + 2),
  };
}
