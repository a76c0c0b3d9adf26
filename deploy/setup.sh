#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages, npm modules), builds the web UI, then Enlace
# with that UI inside the executable. Safe to run again: it installs nothing that is present
# and rebuilds only what changed.
# Usage: deploy/setup.sh [--demo] [BUILD_DIR] [CMAKE_BUILD_TYPE]
#   --demo  only what `enlace` needs to run: no test packages, no test suites or benchmarks
set -euo pipefail
cd "$(dirname "$0")/.."
demo=false
if [[ ${1:-} == --demo ]]; then demo=true; shift; fi
build_dir=${1:-build}
build_type=${2:-RelWithDebInfo}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

lists=(deploy/packages.txt)
$demo || lists+=(deploy/packages-test.txt)
missing=()
while read -r pkg; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done < <(cat "${lists[@]}")
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if ((node_major < 20)); then
  echo "Node.js 20 or newer is needed to build the web UI (found $(node --version 2>/dev/null || echo none))." >&2
  echo "Debian 12 ships Node 18; install Node 20 (e.g. from NodeSource's Debian packages) and rerun." >&2
  exit 1
fi

# The UI first: the server embeds web/dist when it is built.
say "building the web UI"
(cd web && { [[ -d node_modules && node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund --loglevel=error; } && npm run build --silent >/dev/null)

export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
if $demo; then
  say "building enlace ($build_type) in $build_dir, without the test suites"
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" -DENLACE_REQUIRE_UI=ON \
    -DENLACE_TESTS=OFF -DENLACE_BENCH=OFF >/dev/null
  cmake --build "$build_dir" --target enlace
else
  say "building the server and its tests ($build_type) in $build_dir"
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" -DENLACE_REQUIRE_UI=ON >/dev/null
  cmake --build "$build_dir"
fi
