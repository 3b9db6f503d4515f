'use strict';
// The inspector page: plain DOM, no framework. Every text that comes from the job (keys, fields, values,
// source) is set with textContent, never parsed as HTML.
(function () {
  const $ = (id) => document.getElementById(id);
  const state = { overview: null, graph: null, dataflow: null, dataflowHandle: null, methodHandle: null,
    watch: null, cursor: null, listQuery: null, page: 0 };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === 'class') node.className = value;
      else if (name === 'dataset') Object.assign(node.dataset, value);
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child == null) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function showMessage(text) {
    const box = $('message');
    if (!text) { box.hidden = true; box.textContent = ''; return; }
    box.textContent = text;
    box.hidden = false;
  }

  async function api(path, options) {
    const request = Object.assign({}, options || {});
    // every action carries the inspector's header: a page of another site cannot send it without a preflight
    request.headers = Object.assign({ 'Accept': 'application/json', 'X-Entityflow-Inspector': '1' }, request.headers || {});
    const response = await fetch(path, request);
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
    if (!response.ok) {
      const message = body && body.message ? body.message : (response.status + ' ' + response.statusText);
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function simple(type) { return type ? type.substring(type.lastIndexOf('.') + 1) : '?'; }
  function show(value) { return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value); }
  function rate(n) { return n >= 1000 ? (n / 1000).toFixed(1) + 'k' : (Math.round(n * 10) / 10).toString(); }

  // ---- tabs
  function selectTab(name) {
    for (const tab of document.querySelectorAll('.tab')) tab.classList.toggle('active', tab.dataset.tab === name);
    for (const panel of document.querySelectorAll('.panel')) panel.hidden = panel.id !== name;
    if (name === 'dataflow' && state.dataflowHandle) state.dataflowHandle.fit();
    if (name === 'snapshots') loadSnapshots();
    if (name === 'traces') loadTraces();
    history.replaceState(null, '', '#' + name);
  }

  // ---- dataflow
  async function loadDataflow() {
    state.dataflow = await api('api/dataflow');
    const graph = {
      nodes: state.dataflow.nodes.map((n) => ({ id: n.id, label: n.label, sublabel: n.sublabel, kind: n.kind, detail: n })),
      edges: state.dataflow.edges,
    };
    state.dataflowHandle = EntityflowGraph.render($('dataflow-graph'), graph, {
      badges: true,
      onNodeClick: (node) => { if (node.kind === 'entity') showEntityType(node.detail.entity); },
    });
    const body = $('metrics-table').tBodies[0];
    body.replaceChildren();
    for (const node of state.dataflow.nodes) {
      body.append(el('tr', { dataset: { operator: node.id } }, el('td', {}, node.label),
        el('td', { class: 'in' }, '–'), el('td', { class: 'out' }, '–'), el('td', { class: 'busy' }, '–'),
        el('td', { class: 'bp' }, '–'), el('td', { class: 'muted' }, node.vertex || 'not found')));
    }
    const source = new EventSource('api/dataflow/stream');
    source.addEventListener('metrics', (event) => updateMetrics(JSON.parse(event.data)));
  }

  function updateMetrics(metrics) {
    for (const [id, m] of Object.entries(metrics.operators)) {
      state.dataflowHandle.setBadge(id, 'in ' + rate(m.in) + '/s · out ' + rate(m.out) + '/s · busy ' + Math.round(m.busy / 10) + '%');
      const row = document.querySelector('#metrics-table tr[data-operator="' + CSS.escape(id) + '"]');
      if (row) {
        row.querySelector('.in').textContent = rate(m.in);
        row.querySelector('.out').textContent = rate(m.out);
        row.querySelector('.busy').textContent = Math.round(m.busy);
        row.querySelector('.bp').textContent = Math.round(m.backPressured);
      }
    }
    const admission = metrics.admission;
    if (admission && admission.maxActiveTransactions > 0) {
      $('admission').textContent = 'transactions active: ' + Math.round(admission.activeTransactions) + ' (at most '
        + Math.round(admission.maxActiveTransactions) + ' in all subtasks) · requests waiting to be read: '
        + Math.round(admission.pendingRecords);
    } else if (admission) {
      $('admission').textContent = 'requests waiting to be read: ' + Math.round(admission.pendingRecords);
    }
    const tail = metrics.operators['loop-tail'];
    if (tail) state.dataflowHandle.setEdgeLabel('loop-tail', 'loop-head', 'feedback ' + rate(tail.in) + '/s');
  }

  function entityJson(type) {
    return state.graph.entities.find((e) => e.qualifiedName === type || e.name === type);
  }

  function showEntityType(type) {
    const entity = entityJson(type);
    const aside = $('dataflow-detail');
    aside.replaceChildren(el('h2', {}, entity.name), el('p', { class: 'muted' }, 'key ' + entity.key + ' · fields ' +
      entity.fields.map((f) => f.name + ': ' + f.type).join(', ')));
    const list = el('div', { class: 'method-list', id: 'method-list' });
    for (const method of entity.methods) {
      const flags = (method.transactional ? ' ⚑' : '') + (method.suspending ? ' ⤳' : '');
      list.append(el('button', { type: 'button', dataset: { method: method.name },
        onclick: () => showMethod(entity, method) }, method.name + flags));
    }
    aside.append(list, el('p', { class: 'muted' }, '⚑ transactional · ⤳ makes remote calls'));
  }

  async function showMethod(entity, method) {
    $('method-view').hidden = false;
    $('method-title').textContent = entity.name + '.' + method.name + ' — ' + method.blocks.length + ' block(s)';
    if (state.methodHandle) state.methodHandle.destroy();
    state.methodHandle = EntityflowGraph.render($('method-graph'), EntityflowGraph.methodGraph(method), {
      onNodeClick: (node) => { if (node.detail && node.detail.range) highlightLines(node.detail.range); },
    });
    let text = '';
    try {
      const response = await fetch('api/source/' + encodeURIComponent(entity.qualifiedName));
      text = response.ok ? await response.text() : '(source not available)';
    } catch (e) { text = '(source not available)'; }
    const pre = $('source');
    pre.replaceChildren(...text.split('\n').map((line) => el('span', { class: 'line' }, line || ' ')));
    if (method.blocks.length) highlightLines(method.blocks[0].range);
  }

  function highlightLines(range) {
    const lines = $('source').children;
    for (let i = 0; i < lines.length; i++) {
      lines[i].classList.toggle('in-block', i + 1 >= range.startLine && i + 1 <= range.endLine);
    }
    const first = lines[range.startLine - 1];
    if (first) $('source').scrollTop = Math.max(0, first.offsetTop - 40);
  }

  // ---- one entity, watched
  function lookup(event) {
    event.preventDefault();
    const type = $('entity-type').value;
    const key = $('entity-key').value.trim();
    if (!key) { showMessage('Enter the key of the entity to look up.'); return; }
    if (state.watch) state.watch.close();
    $('lookup-status').textContent = 'watching…';
    const path = 'api/entities/' + encodeURIComponent(type) + '/' + encodeURIComponent(key);
    const source = new EventSource(path + '/watch');
    state.watch = source;
    let watched = false;
    const display = (view) => {
      if (view.error) {
        showMessage(view.message);
        $('entity-view').hidden = true;
        $('lookup-status').textContent = '';
        return;
      }
      showMessage(null);
      renderEntity(view);
      $('lookup-status').textContent = (watched ? 'live' : 'read') + ' · in ' + (view.readMicros / 1000).toFixed(1) + ' ms through ' + view.source;
    };
    source.addEventListener('entity', (e) => {
      watched = true;
      display(JSON.parse(e.data));
    });
    // read once at once too: the entity shows even where a proxy holds the event stream back
    const unlessWatched = (view) => { if (!watched && state.watch === source) display(view); };
    api(path).then(unlessWatched, (error) => unlessWatched({ error: 'lookup', message: error.message }));
  }

  function renderEntity(view) {
    $('entity-view').hidden = false;
    $('entity-title').textContent = simple(view.type) + ' ' + view.key + (view.subtask != null ? '  (subtask ' + view.subtask + ')' : '');
    const changed = new Set(view.uncommitted && view.uncommitted.fields ? view.uncommitted.fields : []);
    const note = $('uncommitted-note');
    if (view.uncommitted && view.uncommitted.open) {
      note.hidden = false;
      note.textContent = view.uncommitted.created
        ? 'Uncommitted: created by the open transaction ' + view.uncommitted.transaction + '.'
        : 'Uncommitted: transaction ' + view.uncommitted.transaction + ' holds this entity' +
          (changed.size ? ' and changed ' + [...changed].join(', ') + ' (committed values in brackets).' : '; no field changed yet.');
    } else {
      note.hidden = true;
    }
    const body = $('entity-fields').tBodies[0];
    body.replaceChildren();
    for (const [name, value] of Object.entries(view.fields)) {
      const committed = changed.has(name) ? '   [committed: ' + show(view.uncommitted.committed[name]) + ']' : '';
      body.append(el('tr', { dataset: { field: name }, class: changed.has(name) ? 'uncommitted' : '' },
        el('td', {}, name, changed.has(name) ? el('span', { class: 'tag warn' }, 'uncommitted') : null),
        el('td', { class: 'value' }, show(value) + committed)));
    }
    const frames = $('suspended').tBodies[0];
    frames.replaceChildren();
    if (!view.suspended.length) frames.append(el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'none')));
    for (const f of view.suspended) {
      frames.append(el('tr', { dataset: { method: f.method, block: f.block } }, el('td', {}, f.slot), el('td', {}, f.method),
        el('td', {}, 'block ' + f.block), el('td', {}, f.awaits || '–'), el('td', {}, f.transaction || '–'),
        el('td', { class: 'value' }, Object.entries(f.locals).map(([k, v]) => k + ' = ' + show(v)).join('\n'))));
    }
    const lock = view.lock;
    const lockBox = $('lock');
    lockBox.replaceChildren();
    if (!lock.held && !(lock.waiting && lock.waiting.length)) {
      lockBox.append(el('p', { class: 'muted', id: 'lock-free' }, 'free'));
    } else {
      if (lock.exclusive) lockBox.append(el('p', { id: 'lock-exclusive' }, 'held exclusively by transaction ' + lock.exclusive.id +
        ' (attempt ' + lock.exclusive.attempt + ', root ' + lock.exclusive.root + ')'));
      for (const t of lock.shared || []) lockBox.append(el('p', { class: 'lock-shared' }, 'shared by ' + t.id + ' (root ' + t.root + ')'));
      const waiting = lock.waiting || [];
      lockBox.append(el('p', { id: 'lock-queue' }, waiting.length + ' waiting' + (waiting.length ? ': ' +
        waiting.map((w) => w.kind + ' ' + (w.method || '') + (w.transaction ? ' of ' + w.transaction : '')).join('; ') : '')));
    }
    const idem = $('idempotency');
    idem.replaceChildren();
    if (!view.idempotency) {
      idem.append(el('p', { class: 'muted' }, 'not available here (needs the embedded run)'));
    } else {
      const i = view.idempotency;
      idem.append(el('p', {}, 'recorded responses: ' + (i.recorded.length ? i.recorded.map((r) => r.idempotencyKey + ' → ' + r.outcome).join(', ') : 'none')),
        el('p', {}, 'running: ' + (i.running.length ? i.running.join(', ') : 'none')),
        el('p', {}, 'transactions rooted here: ' + (i.transactions.length ? i.transactions.map((t) => t.transaction + ' (' + t.method + ')').join(', ') : 'none')));
    }
  }

  // ---- listing
  function list(event) {
    if (event) event.preventDefault();
    state.listQuery = { type: $('entity-type').value, filter: $('filter').value, snapshot: $('list-source').value };
    state.cursor = null;
    state.page = 0;
    loadPage();
  }

  async function loadPage() {
    const q = state.listQuery;
    const params = new URLSearchParams({ filter: q.filter, limit: '50' });
    if (q.snapshot) params.set('snapshot', q.snapshot);
    if (state.cursor) params.set('cursor', state.cursor);
    $('list-status').textContent = 'loading…';
    try {
      const page = await api('api/entities/' + encodeURIComponent(q.type) + '?' + params);
      showMessage(null);
      state.page += 1;
      state.cursor = page.next;
      renderPage(q.type, page);
      $('next-page').disabled = !page.next;
      $('list-status').textContent = 'page ' + state.page + ' · ' + page.items.length + ' shown · ' +
        (page.scanned != null ? 'scanned ' + page.scanned + ' of ' : '') + page.total + ' entities · ' + page.source;
    } catch (e) {
      $('list-status').textContent = '';
      showMessage(e.message);
    }
  }

  function renderPage(type, page) {
    const fields = entityJson(type).fields.map((f) => f.name);
    const table = $('list-table');
    table.tHead.replaceChildren(el('tr', {}, ...['key', ...fields].map((f) => el('th', {}, f))));
    const body = table.tBodies[0];
    body.replaceChildren();
    for (const item of page.items) {
      body.append(el('tr', { class: 'clickable', dataset: { key: item.key }, onclick: () => { $('entity-key').value = item.key; $('lookup').click(); } },
        el('td', {}, item.key), ...fields.map((f) => el('td', { class: 'value' }, show(item.fields[f])))));
    }
  }

  // ---- snapshots
  async function loadSnapshots() {
    try {
      const s = await api('api/snapshots?limit=50');
      const body = $('savepoints').tBodies[0];
      body.replaceChildren();
      const from = $('diff-from'), to = $('diff-to'), listSource = $('list-source');
      const keepFrom = from.value, keepTo = to.value, keepSource = listSource.value;
      from.replaceChildren(); to.replaceChildren();
      listSource.replaceChildren(el('option', { value: '' }, 'live job'));
      for (const sp of s.savepoints) {
        body.append(el('tr', { dataset: { savepoint: sp.id } }, el('td', {}, sp.id), el('td', {}, new Date(sp.created).toLocaleString()),
          el('td', {}, el('button', { type: 'button', class: 'browse', onclick: () => browse(sp.id) }, 'Browse'))));
        from.append(el('option', { value: sp.id }, sp.id));
        to.append(el('option', { value: sp.id }, sp.id));
        listSource.append(el('option', { value: sp.id }, 'savepoint ' + sp.id));
      }
      if (keepFrom) from.value = keepFrom; else if (s.savepoints.length > 1) from.value = s.savepoints[1].id;
      if (keepTo) to.value = keepTo;
      listSource.value = keepSource;
      const cps = $('checkpoints').tBodies[0];
      cps.replaceChildren();
      for (const c of s.checkpoints) {
        cps.append(el('tr', {}, el('td', {}, c.id + (c.savepoint ? ' (savepoint)' : '')), el('td', {}, c.status),
          el('td', {}, new Date(c.triggered).toLocaleTimeString()), el('td', {}, c.durationMs), el('td', {}, c.bytes)));
      }
      $('checkpoint-count').textContent = '(' + s.checkpointsKept + ' kept; newest 50 shown)';
    } catch (e) { showMessage(e.message); }
  }

  function browse(id) {
    selectTab('entities');
    $('list-source').value = id;
    list();
  }

  async function triggerSavepoint() {
    $('savepoint-status').textContent = 'taking a savepoint…';
    $('trigger-savepoint').disabled = true;
    try {
      const sp = await api('api/savepoints', { method: 'POST' });
      $('savepoint-status').textContent = 'savepoint ' + sp.id + ' taken';
      await loadSnapshots();
    } catch (e) {
      $('savepoint-status').textContent = '';
      showMessage(e.message);
    } finally {
      $('trigger-savepoint').disabled = false;
    }
  }

  async function diff(event) {
    event.preventDefault();
    const from = $('diff-from').value, to = $('diff-to').value;
    $('diff-status').textContent = 'reading savepoints…';
    try {
      const d = await api('api/diff?' + new URLSearchParams({ from, to, limit: '200' }));
      showMessage(null);
      $('diff-status').textContent = '';
      const view = $('diff-view');
      view.replaceChildren();
      for (const t of d.types) {
        view.append(el('h3', {}, simple(t.type) + ': ' + t.addedCount + ' added, ' + t.removedCount + ' removed, ' + t.changedCount + ' changed'));
        const table = el('table', { class: 'grid diff', dataset: { type: t.type } },
          el('thead', {}, el('tr', {}, el('th', {}, 'change'), el('th', {}, 'key'), el('th', {}, 'fields'))));
        const body = el('tbody');
        for (const a of t.added) body.append(el('tr', { class: 'diff-added', dataset: { key: a.key, change: 'added' } }, el('td', {}, 'added'), el('td', {}, a.key), el('td', { class: 'value' }, JSON.stringify(a.fields))));
        for (const r of t.removed) body.append(el('tr', { class: 'diff-removed', dataset: { key: r.key, change: 'removed' } }, el('td', {}, 'removed'), el('td', {}, r.key), el('td', { class: 'value' }, JSON.stringify(r.fields))));
        for (const c of t.changed) body.append(el('tr', { class: 'diff-changed', dataset: { key: c.key, change: 'changed' } }, el('td', {}, 'changed'), el('td', {}, c.key),
          el('td', { class: 'value' }, c.fields.map((f) => f.field + ': ' + show(f.before) + ' → ' + show(f.after)).join('\n'))));
        table.append(body);
        view.append(table);
      }
    } catch (e) {
      $('diff-status').textContent = '';
      showMessage(e.message);
    }
  }

  // ---- traces
  async function loadTraces() {
    try {
      const t = await api('api/traces?limit=50');
      renderTraces(t);
    } catch (e) { showMessage(e.message); }
  }

  function renderTraces(t) {
    if (document.activeElement !== $('trace-rate')) $('trace-rate').value = t.rate;
    $('trace-status').textContent = t.armed ? 'waiting for the next call of ' + simple(t.armed.type) + '.' + (t.armed.method || '*') : '';
    const body = $('trace-list').tBodies[0];
    body.replaceChildren();
    for (const trace of t.traces) {
      body.append(el('tr', { class: 'clickable', dataset: { trace: trace.id }, onclick: () => showTrace(trace.id) },
        el('td', {}, trace.id.substring(0, 13)), el('td', {}, trace.call), el('td', {}, trace.events),
        el('td', {}, (trace.durationMicros / 1000).toFixed(1))));
    }
  }

  async function showTrace(id) {
    try {
      const trace = await api('api/traces/' + encodeURIComponent(id));
      const box = $('trace-timeline');
      box.replaceChildren(el('h3', {}, 'request ' + id));
      const total = Math.max(1, trace.events[trace.events.length - 1].atMicros);
      for (const e of trace.events) {
        const bar = el('div', { class: 'bar' });
        bar.style.left = (100 * e.atMicros / total * 0.9) + '%';
        bar.style.width = '1%';
        const where = e.type ? e.simpleType + '/' + e.key : '';
        const what = e.kind + ' ' + where + (e.method ? ' ' + e.method : '') + (e.block >= 0 ? ' block ' + e.block : '');
        box.append(el('div', { class: 'event', dataset: { kind: e.kind, type: e.simpleType || '', block: e.block } }, bar,
          el('div', { class: 'what' }, '+' + (e.atMicros / 1000).toFixed(2) + ' ms  ' + what + (e.detail ? ' — ' + e.detail : ''))));
      }
    } catch (e) { showMessage(e.message); }
  }

  async function traceSettings(body) {
    try {
      renderTraces(await api('api/traces/settings', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
      showMessage(null);
    } catch (e) { showMessage(e.message); }
  }

  // ---- start
  async function start() {
    for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', () => selectTab(tab.dataset.tab));
    $('lookup-form').addEventListener('submit', lookup);
    $('list-form').addEventListener('submit', list);
    $('next-page').addEventListener('click', loadPage);
    $('trigger-savepoint').addEventListener('click', triggerSavepoint);
    $('diff-form').addEventListener('submit', diff);
    $('rate-form').addEventListener('submit', (e) => { e.preventDefault(); traceSettings({ rate: Number($('trace-rate').value) }); });
    $('arm-form').addEventListener('submit', (e) => { e.preventDefault(); traceSettings({ arm: { type: $('trace-type').value, method: $('trace-method').value.trim() } }); });
    try {
      state.overview = await api('api/overview');
      state.graph = await api('api/graph');
      $('job').textContent = 'job ' + state.overview.job;
      $('flink-ui').href = state.overview.flinkUi;
      for (const t of state.overview.types) {
        $('entity-type').append(el('option', { value: t.name }, t.simpleName));
        $('trace-type').append(el('option', { value: t.name }, t.simpleName));
      }
      selectTab((location.hash || '#dataflow').substring(1));
      await loadDataflow();
      loadSnapshots();
      setInterval(() => { if (!$('traces').hidden) loadTraces(); }, 2000);
      setInterval(() => { if (!$('snapshots').hidden) loadSnapshots(); }, 5000);
    } catch (e) {
      showMessage(e.message);
    }
  }

  document.addEventListener('DOMContentLoaded', start);
})();
