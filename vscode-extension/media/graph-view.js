// The graph webview's page: draws what the extension sends with the shared renderer (EntityflowGraph),
// lets the user pick a method, and asks the extension to reveal a clicked block's source.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const graphElement = document.getElementById('graph');
  const methods = document.getElementById('methods');
  const title = document.getElementById('title');
  const message = document.getElementById('message');
  let handle = null;

  function theme() {
    return document.body.classList.contains('vscode-light') ? 'light' : 'dark';
  }

  function button(label, selected, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    if (selected) b.setAttribute('aria-pressed', 'true');
    b.addEventListener('click', onClick);
    return b;
  }

  function findMethod(graph, name) {
    if (!name) return null;
    const [type, method] = name.split('.');
    const entity = (graph.entities || []).find((e) => e.name === type || e.qualifiedName === type);
    const found = entity && (entity.methods || []).find((m) => m.name === method);
    return found ? { entity, method: found } : null;
  }

  function show(graph, selected) {
    if (handle) { handle.destroy(); handle = null; }
    graphElement.replaceChildren();
    methods.replaceChildren();
    if (!graph || graph.error) {
      message.hidden = false;
      message.textContent = graph && graph.error ? graph.error : 'no graph for this document';
      title.textContent = 'entityflow graph';
      return;
    }
    message.hidden = true;
    methods.append(button('dataflow', !selected, () => vscode.postMessage({ type: 'selectMethod', method: undefined })));
    for (const entity of graph.entities || []) {
      for (const method of entity.methods || []) {
        const name = entity.name + '.' + method.name;
        methods.append(button(name + (method.suspending ? ' ⤳' : ''), name === selected,
          () => vscode.postMessage({ type: 'selectMethod', method: name })));
      }
    }
    const found = findMethod(graph, selected);
    if (found) {
      title.textContent = found.entity.name + '.' + found.method.name + ' — ' + found.method.blocks.length + ' block(s)';
      handle = EntityflowGraph.render(graphElement, EntityflowGraph.methodGraph(found.method), {
        theme: theme(),
        onNodeClick: (node) => {
          if (node.detail && node.detail.range) vscode.postMessage({ type: 'reveal', range: node.detail.range });
        },
      });
    } else {
      title.textContent = 'dataflow — ' + (graph.entities || []).map((e) => e.name).join(', ');
      handle = EntityflowGraph.render(graphElement, EntityflowGraph.dataflowGraph(graph), { theme: theme() });
    }
  }

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (data && data.type === 'graph') show(data.graph, data.method);
  });
  vscode.postMessage({ type: 'ready' });
}());
