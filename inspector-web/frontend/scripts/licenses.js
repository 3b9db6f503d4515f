// Writes dist/THIRD-PARTY-LICENSES.txt: the LICENSE of every package bundled into
// dist/entityflow-graph.js, i.e. the runtime dependencies of package.json and theirs, read from node_modules.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

// Breadth-first over "dependencies" (never devDependencies: esbuild is a tool, not shipped).
// A dependency resolves as node does: in the dependent's own node_modules first, then the top level.
const depsOf = (dir) => Object.keys(readJson(join(dir, 'package.json')).dependencies || {}).map((name) => [name, dir]);
const seen = new Map(); // name -> package dir
const queue = depsOf(root);
while (queue.length) {
  const [name, from] = queue.shift();
  if (seen.has(name)) continue;
  const dir = [join(from, 'node_modules', name), join(root, 'node_modules', name)]
    .find((d) => existsSync(join(d, 'package.json')));
  if (!dir) throw new Error(`${name} is not installed: run npm install`);
  seen.set(name, dir);
  queue.push(...depsOf(dir));
}

const sections = [...seen].sort(([a], [b]) => a.localeCompare(b)).map(([name, dir]) => {
  const pkg = readJson(join(dir, 'package.json'));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  if (!file) throw new Error(`${name} has no LICENSE file`);
  const text = readFileSync(join(dir, file), 'utf8').trim();
  return `${name} ${pkg.version} (${pkg.license || 'see below'})\n${'-'.repeat(60)}\n${text}\n`;
});

mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(
  join(root, 'dist', 'THIRD-PARTY-LICENSES.txt'),
  'dist/entityflow-graph.js bundles the following packages.\n\n' + sections.join('\n'),
);
console.log(`THIRD-PARTY-LICENSES.txt: ${[...seen.keys()].join(', ')}`);
