// Copies what the extension ships beside its bundle: the inspector's graph renderer (one bundle, two hosts)
// and the entityflow command line the language server and the deploy commands run.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const renderer = path.join(root, '..', 'inspector-web', 'frontend', 'dist');
const jar = path.join(root, '..', 'cli', 'target', 'entityflow-cli-all.jar');

function copy(from, to) {
  if (!fs.existsSync(from)) {
    console.error(`missing ${from}: build the Maven modules first (./mvnw -B install -DskipTests)`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

copy(path.join(renderer, 'entityflow-graph.js'), path.join(root, 'media', 'entityflow-graph.js'));
copy(path.join(renderer, 'entityflow-graph.css'), path.join(root, 'media', 'graph.css'));
copy(path.join(renderer, 'THIRD-PARTY-LICENSES.txt'), path.join(root, 'media', 'THIRD-PARTY-LICENSES.txt'));
copy(jar, path.join(root, 'server', 'entityflow.jar'));
console.log('copied the graph renderer and the entityflow command line');
