#!/usr/bin/env bash
# Lints the committed contract with Redocly's CLI from the npm registry, cached outside the work tree.
# The 1.x line runs on Debian's Node.js 18 as well as on newer ones.
#   src/scripts/lint-openapi.sh [openapi/dialer.yaml]
set -euo pipefail
cd "$(dirname "$0")/../.."
version=1.34.20
cache="${DIALER_CACHE:-$HOME/.cache/dialer}/redocly-$version"
if [ ! -x "$cache/node_modules/.bin/redocly" ]; then
  command -v npm >/dev/null || { echo "npm is needed to lint the OpenAPI contract (apt-get install nodejs npm)" >&2; exit 3; }
  mkdir -p "$cache"
  [ -f "$cache/package.json" ] || echo '{"name": "dialer-redocly", "private": true}' > "$cache/package.json"
  (cd "$cache" && npm install --no-audit --no-fund --loglevel=error "@redocly/cli@$version" >/dev/null)
fi
exec "$cache/node_modules/.bin/redocly" lint --format=stylish "${1:-openapi/dialer.yaml}"
