#!/usr/bin/env bash
# web-build.sh - build the browser app into web/dist (embedded into the binary
# by CMake). `npm ci` runs only when web/node_modules is missing or was
# installed from another package-lock.json, so an unchanged tree builds
# offline; the build itself (web/build.mjs, esbuild) takes well under a second.
set -euo pipefail
cd "$(dirname "$0")/../web"
command -v npm >/dev/null || { echo "web: npm is missing (scripts/deps.sh installs it)" >&2; exit 1; }
stamp=node_modules/.ld-installed-lock
if ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
	echo "web: npm ci"
	npm ci --no-audit --no-fund --loglevel=error
	cp package-lock.json "$stamp"
fi
node build.mjs
