// SVG drawing, pan/zoom and the live-update handle. Every element is made with createElementNS and
// every user string goes in through textContent or setAttribute, never markup: labels come from user
// code, and the inspector's CSP forbids inline <style> and style="..." anyway.
import { layout, nodeLines, METRICS, approxTextWidth } from './layout.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const ROLE_CLASS = { label: 'ef-label', sublabel: 'ef-sublabel', badge: 'ef-badge', edgeLabel: 'ef-edge-label' };
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 4;
let instances = 0; // distinct marker ids when several graphs share one page

function make(name, attrs, parent) {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs || {})) if (v != null) e.setAttribute(k, String(v));
  if (parent) parent.appendChild(e);
  return e;
}

/** A kind as a class-name fragment: kinds are data, so keep only safe characters. */
export function kindClass(kind) {
  return String(kind ?? '').toLowerCase().replace(/[^a-z0-9_-]+/g, '-') || 'default';
}

const round = (n) => Math.round(n * 10) / 10;

/** A smooth path along dagre's points: a uniform cubic B-spline with its end points tripled, so it
 *  starts and ends exactly on them (the node borders) and bends through the interior points without
 *  overshooting. Each window of four control points becomes one cubic Bézier. */
export function pathThrough(points) {
  if (!points.length) return '';
  const last = points[points.length - 1];
  const q = [points[0], points[0], ...points, last, last];
  const mix = (a, b, wa, wb) => ({ x: (a.x * wa + b.x * wb) / (wa + wb), y: (a.y * wa + b.y * wb) / (wa + wb) });
  const xy = (p) => `${round(p.x)},${round(p.y)}`;
  let d = `M${xy(points[0])}`;
  // Window q[i-1..i+2]: the segment starts where the previous one ended, (q[i-1] + 4 q[i] + q[i+1]) / 6.
  for (let i = 1; i + 2 < q.length; i++) {
    const c1 = mix(q[i], q[i + 1], 2, 1);
    const c2 = mix(q[i], q[i + 1], 1, 2);
    const end = mix(mix(q[i], q[i + 2], 1, 1), q[i + 1], 2, 4); // (q[i] + 4 q[i+1] + q[i+2]) / 6
    // the first and last pieces are straight (tripled end points), and a line gives the arrowhead a
    // clean direction where a Bézier's control points would sit on its end
    d += i === 1 || i + 3 === q.length ? `L${xy(end)}` : `C${xy(c1)} ${xy(c2)} ${xy(end)}`;
  }
  return d;
}

/**
 * Draws graph into container (appends one <svg class="ef-graph">) and returns a handle.
 * options: rankdir, nodesep, ranksep, edgesep, badges (reserve a badge line per node),
 * onNodeClick(node), theme ('light' | 'dark'; default follows prefers-color-scheme),
 * height (px number, or 'auto' to size the svg to the fitted graph; default '100%' of the container).
 */
export function render(container, graph, options = {}) {
  const prefix = `ef${++instances}`;
  const theme = options.theme === 'dark' ? ' ef-dark' : options.theme === 'light' ? ' ef-light' : '';
  const fixedHeight = typeof options.height === 'number' ? options.height : null;
  const svg = make('svg', {
    class: 'ef-graph' + theme,
    width: '100%',
    height: fixedHeight ?? (options.height === 'auto' ? 200 : '100%'),
  }, container);
  const defs = make('defs', {}, svg);
  const viewport = make('g', { class: 'ef-viewport' }, svg);

  // Measure text with the page's real fonts (graph.css applies inside the svg); fall back to an
  // estimate when the container is not rendered and lengths come back 0.
  const probe = make('text', { visibility: 'hidden' }, svg);
  const widths = new Map();
  const measure = (text, role) => {
    const key = role + '\u0000' + text;
    if (!widths.has(key)) {
      probe.setAttribute('class', ROLE_CLASS[role] || '');
      probe.textContent = text;
      const w = probe.getComputedTextLength ? probe.getComputedTextLength() : 0;
      widths.set(key, w > 0 ? w : approxTextWidth(text, role));
    }
    return widths.get(key);
  };
  const lay = layout(graph, { ...options, measure });
  probe.remove();

  // One arrowhead marker per edge kind, coloured by CSS (.ef-arrow-<kind>) like its edge.
  const markers = new Map();
  const markerFor = (kind) => {
    const k = kindClass(kind);
    if (!markers.has(k)) {
      const id = `${prefix}-arrow-${k}`;
      const m = make('marker', {
        id, class: `ef-arrow ef-arrow-${k}`, viewBox: '0 0 10 10', refX: 9, refY: 5,
        markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto',
      }, defs);
      make('path', { d: 'M0,0.5 L10,5 L0,9.5 z' }, m);
      markers.set(k, id);
    }
    return markers.get(k);
  };

  const edgeLayer = make('g', { class: 'ef-edges' }, viewport);
  const nodeLayer = make('g', { class: 'ef-nodes' }, viewport);
  const labelLayer = make('g', { class: 'ef-edge-labels' }, viewport);

  const edgeViews = []; // {from, to, kind, group, text}
  for (const le of lay.edges) {
    const { edge, points } = le;
    const k = kindClass(edge.kind);
    const group = make('g', { class: `ef-edge ef-edge-${k}`, 'data-from': edge.from, 'data-to': edge.to }, edgeLayer);
    make('title', {}, group).textContent = `${edge.from} \u2192 ${edge.to}` + (edge.kind ? ` (${edge.kind})` : '');
    make('path', { class: 'ef-edge-path', d: pathThrough(points), 'marker-end': `url(#${markerFor(edge.kind)})` }, group);
    // Every edge gets a label element, empty when unlabelled, so setEdgeLabel can fill it in later;
    // unlabelled edges got no space from dagre, so such a label sits on the middle of the route.
    const at = le.label || points[Math.floor(points.length / 2)] || { x: 0, y: 0 };
    const text = make('text', {
      class: `ef-edge-label ef-edge-label-${k}`, x: round(at.x), y: round(at.y),
      'text-anchor': 'middle', 'dominant-baseline': 'central', 'data-from': edge.from, 'data-to': edge.to,
    }, labelLayer);
    text.textContent = edge.label == null ? '' : String(edge.label);
    edgeViews.push({ from: String(edge.from), to: String(edge.to), kind: edge.kind, group, text });
  }

  const m = METRICS;
  const nodeViews = new Map(); // id -> {node, group, badge, width, height}
  for (const ln of lay.nodes) {
    const { node, width: w, height: h } = ln;
    const group = make('g', {
      class: `ef-node ef-kind-${kindClass(node.kind)}`, 'data-id': ln.id, tabindex: 0,
      transform: `translate(${round(ln.x - w / 2)},${round(ln.y - h / 2)})`,
    }, nodeLayer);
    const { label, sub } = nodeLines(node);
    make('title', {}, group).textContent = [label, ...sub].join('\n');
    make('rect', { class: 'ef-node-box', width: w, height: h, rx: 6, ry: 6 }, group);
    const line = (cls, y, content) => {
      const t = make('text', { class: cls, x: round(w / 2), y: round(y), 'text-anchor': 'middle', 'dominant-baseline': 'central' }, group);
      t.textContent = content;
      return t;
    };
    line('ef-label', m.padY + m.labelLine / 2, label);
    sub.forEach((s, i) => line('ef-sublabel', m.padY + m.labelLine + i * m.subLine + m.subLine / 2, s));
    const badgeY = m.padY + m.labelLine + sub.length * m.subLine + m.badgeLine / 2;
    const badge = options.badges ? line('ef-badge', badgeY, '') : null;
    nodeViews.set(ln.id, { node, group, badge, width: w, height: h, badgeY });
  }

  // ---- pan and zoom: a translate/scale transform on the viewport group, in CSS pixels of the svg.
  let view = { x: 0, y: 0, k: 1 };
  const apply = () => viewport.setAttribute('transform', `translate(${round(view.x)},${round(view.y)}) scale(${view.k})`);

  function fit() {
    const r = svg.getBoundingClientRect();
    if (r.width < 1) return false; // not displayed yet: the caller can fit() again later
    const pad = 8;
    const gw = Math.max(lay.width, 1);
    const gh = Math.max(lay.height, 1);
    const byWidth = (r.width - 2 * pad) / gw;
    const auto = options.height === 'auto';
    const k = Math.max(MIN_ZOOM, Math.min(1, byWidth, auto ? Infinity : (r.height - 2 * pad) / gh));
    let height = r.height;
    if (auto) {
      height = Math.ceil(gh * k + 2 * pad);
      svg.setAttribute('height', String(height));
    }
    view = { k, x: (r.width - gw * k) / 2, y: (height - gh * k) / 2 };
    apply();
    return true;
  }

  const onWheel = (ev) => {
    ev.preventDefault();
    const r = svg.getBoundingClientRect();
    const mx = ev.clientX - r.left;
    const my = ev.clientY - r.top;
    const dy = ev.deltaY * (ev.deltaMode === 1 ? 16 : ev.deltaMode === 2 ? r.height : 1);
    const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.k * Math.exp(-dy * 0.002)));
    // keep the graph point under the cursor where it is
    view = { k, x: mx - ((mx - view.x) * k) / view.k, y: my - ((my - view.y) * k) / view.k };
    apply();
  };

  let drag = null;
  let suppressClick = false; // a drag that ends on a node is a pan, not a click
  const onDown = (ev) => {
    if (ev.button !== 0) return;
    drag = { id: ev.pointerId, sx: ev.clientX, sy: ev.clientY, vx: view.x, vy: view.y, moved: false };
    suppressClick = false;
  };
  const onMove = (ev) => {
    if (!drag || ev.pointerId !== drag.id) return;
    const dx = ev.clientX - drag.sx;
    const dy = ev.clientY - drag.sy;
    if (!drag.moved) {
      if (Math.hypot(dx, dy) < 4) return;
      drag.moved = true;
      svg.setPointerCapture(ev.pointerId);
      svg.classList.add('ef-panning');
    }
    view = { ...view, x: drag.vx + dx, y: drag.vy + dy };
    apply();
  };
  const onUp = (ev) => {
    if (!drag || ev.pointerId !== drag.id) return;
    if (drag.moved) suppressClick = true;
    drag = null;
    svg.classList.remove('ef-panning');
  };

  const nodeIdOf = (target) => {
    const g = target && target.closest ? target.closest('.ef-node') : null;
    return g && svg.contains(g) ? g.getAttribute('data-id') : null;
  };
  const activate = (id) => {
    select(id);
    if (options.onNodeClick) options.onNodeClick(nodeViews.get(id).node);
  };
  const onClick = (ev) => {
    if (suppressClick) {
      suppressClick = false;
      return;
    }
    const id = nodeIdOf(ev.target);
    if (id != null) activate(id);
  };
  const onKey = (ev) => {
    const id = nodeIdOf(ev.target);
    if (id != null && (ev.key === 'Enter' || ev.key === ' ')) {
      ev.preventDefault();
      activate(id);
    }
  };
  const onDblClick = (ev) => {
    if (nodeIdOf(ev.target) == null) fit();
  };

  svg.addEventListener('wheel', onWheel, { passive: false });
  svg.addEventListener('pointerdown', onDown);
  svg.addEventListener('pointermove', onMove);
  svg.addEventListener('pointerup', onUp);
  svg.addEventListener('pointercancel', onUp);
  svg.addEventListener('click', onClick);
  svg.addEventListener('keydown', onKey);
  svg.addEventListener('dblclick', onDblClick);

  // ---- handle
  let selected = null;
  function select(id) {
    if (selected != null && nodeViews.has(selected)) nodeViews.get(selected).group.classList.remove('ef-selected');
    selected = id == null ? null : String(id);
    if (selected != null && nodeViews.has(selected)) nodeViews.get(selected).group.classList.add('ef-selected');
  }

  function setBadge(id, text) {
    const v = nodeViews.get(String(id));
    if (!v) return;
    if (!v.badge) {
      // No line was reserved (options.badges off): the badge hangs just below the node.
      v.badge = make('text', {
        class: 'ef-badge', x: round(v.width / 2), y: round(v.height + m.badgeLine / 2 + 2),
        'text-anchor': 'middle', 'dominant-baseline': 'central',
      }, v.group);
    }
    const full = text == null ? '' : String(text);
    v.badge.textContent = full;
    // Cut to the node's width (no relayout); the measured length is 0 when not rendered, then keep all.
    const room = v.width - 2 * m.padX + 4;
    if (full && v.badge.getComputedTextLength && v.badge.getComputedTextLength() > room) {
      let lo = 0;
      let hi = full.length;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        v.badge.textContent = full.slice(0, mid) + '\u2026';
        if (v.badge.getComputedTextLength() <= room) lo = mid;
        else hi = mid - 1;
      }
      v.badge.textContent = full.slice(0, lo) + '\u2026';
    }
  }

  function setEdgeLabel(from, to, text, kind) {
    for (const e of edgeViews) {
      if (e.from === String(from) && e.to === String(to) && (kind == null || e.kind === kind)) {
        e.text.textContent = text == null ? '' : String(text);
      }
    }
  }

  function highlight(ids) {
    const on = new Set((ids || []).map(String));
    for (const [id, v] of nodeViews) v.group.classList.toggle('ef-highlight', on.has(id));
    // an edge between two highlighted nodes is part of the highlighted path
    for (const e of edgeViews) e.group.classList.toggle('ef-highlight', on.has(e.from) && on.has(e.to));
  }

  function destroy() {
    svg.removeEventListener('wheel', onWheel);
    svg.remove();
    nodeViews.clear();
    edgeViews.length = 0;
  }

  fit();
  return {
    svg,
    layout: lay,
    select,
    setBadge,
    setEdgeLabel,
    highlight,
    fit,
    getZoom: () => ({ ...view }),
    setZoom(z) {
      view = { x: z.x ?? view.x, y: z.y ?? view.y, k: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z.k ?? view.k)) };
      apply();
    },
    destroy,
  };
}
