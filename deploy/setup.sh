#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages, npm modules) and builds Enlace and its web UI.
# Safe to run again: it installs nothing that is present and rebuilds only what changed.
# Usage: deploy/setup.sh [BUILD_DIR] [CMAKE_BUILD_TYPE]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
build_type=${2:-RelWithDebInfo}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

missing=()
while read -r pkg; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done < deploy/packages.txt
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

say "building the server ($build_type) in $build_dir"
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
cmake --build "$build_dir"

say "building the web UI"
(cd web && { [[ -d node_modules && node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund --loglevel=error; } && npm run build --silent >/dev/null)
