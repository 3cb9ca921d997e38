#!/usr/bin/env bash
# Lints the committed contract with Redocly's CLI from the npm registry, cached outside the work tree.
#   src/scripts/lint-openapi.sh [openapi/dialer.yaml]
set -euo pipefail
cd "$(dirname "$0")/../.."
version=2.77.0
cache="${DIALER_CACHE:-$HOME/.cache/dialer}/redocly-$version"
if [ ! -x "$cache/node_modules/.bin/redocly" ]; then
  command -v npm >/dev/null || { echo "npm is needed to lint the OpenAPI contract (apt-get install nodejs npm)" >&2; exit 3; }
  mkdir -p "$cache"
  (cd "$cache" && npm install --no-audit --no-fund --loglevel=error "@redocly/cli@$version" >/dev/null)
fi
exec "$cache/node_modules/.bin/redocly" lint --format=stylish "${1:-openapi/dialer.yaml}"
