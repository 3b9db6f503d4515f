// Entry point of the bundle: esbuild wraps these exports into the global `EntityflowGraph`
// (dist/entityflow-graph.js), loaded by the Javalin inspector and the VS Code webview alike.
export { render } from './render.js';
export { layout } from './layout.js';
export { methodGraph, dataflowGraph } from './adapters.js';
