#!/usr/bin/env bash
# Ensures a Pulumi CLI that can run this package's Node.js programs, and prints the absolute
# directory holding it as the LAST line of stdout:
#
#   bin=$(bash scripts/pulumi-cli.sh | tail -1)
#
# 1. A `pulumi` on PATH at version >= 3.216.0 (the first release whose dynamic providers honour
#    ReadResult.inputs, which drift detection relies on) is used as it is, provided the Node.js
#    language host and dynamic provider plugin sit beside it (the official install does that).
# 2. Otherwise the CLI is built from its Go module at the version of the installed
#    @pulumi/pulumi SDK, so the engine and the SDK stay in step, into a cache directory outside
#    the repository keyed by version:
#      ${PULUMI_CLI_CACHE:-$HOME/.cache/pulumi-dingtalk-chatops/pulumi-cli}/v<version>/bin
#    The first build takes minutes (module downloads and compilation); later runs only check
#    the cached binaries and take seconds.
#
# Beside the CLI go the two plugins it would otherwise try to download:
#  - pulumi-resource-pulumi-nodejs, the dynamic provider plugin shipped inside @pulumi/pulumi;
#  - pulumi-language-nodejs, the Node.js language host. Its Go module cannot be fetched from the
#    module proxy (it has no release tags, and its commit versions are not served), so the
#    language host used here is scripts/pulumi-language-nodejs.js, which speaks the same gRPC
#    protocol and starts programs through the SDK's own launcher.
#
# Environment:
#   PULUMI_CLI_CACHE        cache root (default above)
#   PULUMI_CLI_FORCE_BUILD  set to 1 to ignore any pulumi on PATH
set -euo pipefail

readonly MIN_PATH_VERSION="3.216.0"
readonly MIN_GO_VERSION="1.25.11"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sdk_dir="$repo_root/node_modules/@pulumi/pulumi"
language_host_source="$repo_root/scripts/pulumi-language-nodejs.js"

log() { echo "pulumi-cli: $*"; }
fail() {
  echo "pulumi-cli: error: $*" >&2
  exit 1
}

# Succeeds when dotted version $1 >= $2 (numeric comparison, field by field).
version_at_least() {
  local IFS=.
  local -a have=($1) want=($2)
  local i
  for i in 0 1 2; do
    local h=${have[i]:-0} w=${want[i]:-0}
    if ((10#$h > 10#$w)); then return 0; fi
    if ((10#$h < 10#$w)); then return 1; fi
  done
  return 0
}

# Prints "X.Y.Z" from `pulumi version` output such as "v3.248.0" (nothing if unparsable).
cli_version_of() {
  "$1" version 2>/dev/null | head -n 1 | sed -n 's/^v\{0,1\}\([0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*\).*/\1/p'
}

[[ -f "$sdk_dir/package.json" ]] ||
  fail "node_modules/@pulumi/pulumi is missing: run 'npm ci' in $repo_root first"
[[ -f "$language_host_source" ]] || fail "missing $language_host_source"

# --- 1. A suitable pulumi already on PATH --------------------------------------------------
if [[ "${PULUMI_CLI_FORCE_BUILD:-0}" != "1" ]] && path_cli="$(command -v pulumi 2>/dev/null)"; then
  path_cli="$(readlink -f "$path_cli")"
  path_dir="$(dirname "$path_cli")"
  path_version="$(cli_version_of "$path_cli")"
  if [[ -n "$path_version" ]] && version_at_least "$path_version" "$MIN_PATH_VERSION" &&
    [[ -x "$path_dir/pulumi-language-nodejs" && -x "$path_dir/pulumi-resource-pulumi-nodejs" ]]; then
    log "using pulumi v$path_version found on PATH ($path_cli)"
    echo "$path_dir"
    exit 0
  fi
  log "ignoring pulumi on PATH ($path_cli, version '${path_version:-unknown}'):" \
    "needs >= $MIN_PATH_VERSION with pulumi-language-nodejs and pulumi-resource-pulumi-nodejs beside it"
fi

# --- 2. The cached build for the SDK's version -----------------------------------------------
sdk_version="$(node -p "require(process.argv[1]).version" "$sdk_dir/package.json")"
version="v$sdk_version"
cache_root="${PULUMI_CLI_CACHE:-$HOME/.cache/pulumi-dingtalk-chatops/pulumi-cli}"
mkdir -p "$cache_root"
cache_root="$(cd "$cache_root" && pwd)"
bin_dir="$cache_root/$version/bin"

# Copies the two Node.js plugins beside the CLI. Cheap, so it runs on every call: a changed
# language host or a reinstalled SDK is picked up without a rebuild. Unchanged files are left
# alone, and changed ones are replaced by a rename, so a pulumi already running elsewhere never
# starts a half-written plugin.
publish_file() {
  local source=$1 target=$2 mode=$3
  if ! cmp -s "$source" "$target"; then
    install -m "$mode" "$source" "$target.partial"
    mv -f "$target.partial" "$target"
  fi
}

install_node_plugins() {
  local dir=$1 wrapper
  publish_file "$sdk_dir/pulumi-resource-pulumi-nodejs" "$dir/pulumi-resource-pulumi-nodejs" 0755
  publish_file "$language_host_source" "$dir/pulumi-language-nodejs.js" 0644
  wrapper="$(mktemp)"
  cat >"$wrapper" <<'EOF'
#!/bin/sh
# Node.js language host for the Pulumi CLI beside it.
exec node "$(dirname "$0")/pulumi-language-nodejs.js" "$@"
EOF
  publish_file "$wrapper" "$dir/pulumi-language-nodejs" 0755
  rm -f "$wrapper"
}

cached_build_ok() {
  [[ -x "$bin_dir/pulumi" ]] && [[ "$(cli_version_of "$bin_dir/pulumi")" == "$sdk_version" ]]
}

# Serialises concurrent callers (parallel test workers, a demo started during CI) on the build.
exec 9>"$cache_root/.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
fi

if cached_build_ok; then
  install_node_plugins "$bin_dir"
  log "using cached pulumi $version in $bin_dir"
  echo "$bin_dir"
  exit 0
fi

command -v go >/dev/null 2>&1 ||
  fail "no pulumi >= $MIN_PATH_VERSION on PATH and no Go toolchain to build one (Go >= $MIN_GO_VERSION needed)"
go_version="$(go env GOVERSION | sed -n 's/^go\([0-9][0-9.]*\).*/\1/p')"
version_at_least "$go_version" "$MIN_GO_VERSION" ||
  fail "Go $go_version is too old to build pulumi $version: Go >= $MIN_GO_VERSION needed"

log "building pulumi $version with Go $go_version into $bin_dir"
log "(the first build downloads the modules and compiles the CLI: expect several minutes)"
started=$SECONDS

# A throwaway module outside the repository: the CLI's own go.mod carries local replace
# directives (../sdk), which `go install module@version` refuses, so a wrapper module
# requires it instead and repeats the replaces that point at other modules.
work_dir="$(mktemp -d "${TMPDIR:-/tmp}/pulumi-cli-build.XXXXXX")"
trap 'rm -rf "$work_dir"' EXIT
cd "$work_dir"
# The checksum database reachable through the module proxy does not know pulumi's own module
# versions (lookups answer 404); their go.sum lines come from the proxy's downloads instead.
# Every other module is still verified.
export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}github.com/pulumi/pulumi"
go mod init pulumi-cli-build >/dev/null 2>&1

# The CLI's main package lives in pkg/v3, so pkg/v3's go.mod is the one upstream builds with:
# its replaces that point at other modules (not at ../sdk) are repeated here.
log "resolving github.com/pulumi/pulumi/pkg/v3@$version"
pkg_gomod="$(go mod download -json "github.com/pulumi/pulumi/pkg/v3@$version" | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const m = JSON.parse(s);
    if (m.Error || !m.GoMod) { console.error(m.Error || "no go.mod"); process.exit(1); }
    console.log(m.GoMod);
  });')"
replace_args=()
while IFS= read -r replace; do
  [[ -n "$replace" ]] && replace_args+=("-replace=$replace")
done < <(go mod edit -json "$pkg_gomod" | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    for (const r of JSON.parse(s).Replace || []) {
      if (!r.New.Version) continue; // a local path: the sdk module, required below instead
      const old = r.Old.Version ? `${r.Old.Path}@${r.Old.Version}` : r.Old.Path;
      console.log(`${old}=${r.New.Path}@${r.New.Version}`);
    }
  });')
if ((${#replace_args[@]} > 0)); then
  log "copying replace directives: ${replace_args[*]#-replace=}"
  go mod edit "${replace_args[@]}"
fi
go mod edit \
  -require="github.com/pulumi/pulumi/pkg/v3@$version" \
  -require="github.com/pulumi/pulumi/sdk/v3@$version"

log "downloading the CLI's dependencies"
go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@$version"

log "compiling pulumi (go build, $(nproc 2>/dev/null || echo '?') cores)"
stage_dir="$work_dir/bin"
mkdir -p "$stage_dir"
go build -trimpath -o "$stage_dir/pulumi" \
  -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
  github.com/pulumi/pulumi/pkg/v3/cmd/pulumi

built_version="$(cli_version_of "$stage_dir/pulumi")"
[[ "$built_version" == "$sdk_version" ]] ||
  fail "the built CLI reports version '${built_version}', expected $sdk_version"

# Publish the finished binary with a rename inside the cache so an interrupted copy never looks
# like a complete build.
mkdir -p "$bin_dir"
cp "$stage_dir/pulumi" "$bin_dir/pulumi.partial"
mv -f "$bin_dir/pulumi.partial" "$bin_dir/pulumi"
install_node_plugins "$bin_dir"
log "built pulumi $version in $((SECONDS - started))s"
echo "$bin_dir"
