#!/bin/sh
# Runs deploy/install.sh twice into throw-away root directories and checks the result.
#
#   tests/deploy/install_test.sh [BUILD_DIR]
#
# With a BUILD_DIR holding a built `enlace`, the real `enlace init` creates the database
# and `serve --check-config` reads the installed config. Without one, a stand-in script
# plays `enlace init` so that the installer itself is still tested (set
# ENLACE_REQUIRE_BINARY=1 to make a missing binary a failure instead, as CI should).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
install_sh=$src/deploy/install.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
check() { # check DESCRIPTION COMMAND...
  desc=$1
  shift
  "$@" || fail "$desc"
}
mode_of() { stat -c %a "$1"; }

build=${1:-}
real=false
if [ -n "$build" ] && [ -x "$build/enlace" ]; then
  build=$(cd "$build" && pwd)
  real=true
  echo "using the real binary $build/enlace"
else
  [ "${ENLACE_REQUIRE_BINARY:-0}" = 1 ] && { echo "FAIL: no enlace in '${build}'" >&2; exit 1; }
  echo "no built enlace given: using a stand-in for 'enlace init'"
  build=$work/build
  mkdir -p "$build"
  cat >"$build/enlace" <<'EOF'
#!/bin/sh
# Stand-in for `enlace init --db PATH`: records the call and creates the file.
[ "$1" = init ] && [ "$2" = --db ] || { echo "stand-in: unexpected $*" >&2; exit 2; }
echo "init $3" >>"$(dirname "$3")/init-calls.log"
printf 'stand-in database\n' >"$3"
EOF
  chmod 0755 "$build/enlace"
fi

run_install() { # run_install ROOT [extra args...]
  r=$1
  shift
  if ! "$install_sh" --build-dir "$build" --root "$r" "$@" \
      >"$work/install.log" 2>&1; then
    cat "$work/install.log" >&2
    fail "install.sh exited non-zero ($*)"
    return 1
  fi
}

# --- First install into an empty root with the default prefix. ---
root=$work/root
run_install "$root"
bin=$root/usr/local/bin/enlace
db=$root/var/lib/enlace/enlace.db
config=$root/etc/enlace/enlace.toml
unit=$root/etc/systemd/system/enlace.service

check "binary installed and executable" test -x "$bin"
check "binary identical to the build" cmp -s "$build/enlace" "$bin"
check "no web directory: the UI is inside the binary" [ ! -e "$root/usr/local/share/enlace/web" ]
check "operations guide installed" test -f "$root/usr/local/share/doc/enlace/OPERATIONS.md"
check "unit installed" cmp -s "$src/deploy/enlace.service" "$unit"
check "config installed from the example" cmp -s "$src/deploy/enlace.example.toml" "$config"
check "database created" test -s "$db"
check "user enlace in the root's passwd" grep -q '^enlace:x:[0-9]*:[0-9]*:.*:/var/lib/enlace:/usr/sbin/nologin$' "$root/etc/passwd"
check "group enlace in the root's group" grep -q '^enlace:' "$root/etc/group"
check "config mode 640" [ "$(mode_of "$config")" = 640 ]
check "/etc/enlace mode 750" [ "$(mode_of "$root/etc/enlace")" = 750 ]
check "state directory mode 700" [ "$(mode_of "$root/var/lib/enlace")" = 700 ]
check "unit mode 644" [ "$(mode_of "$unit")" = 644 ]
if [ "$(id -u)" -eq 0 ]; then
  uid=$(awk -F: '$1 == "enlace" { print $3 }' "$root/etc/passwd")
  check "state directory owned by enlace" [ "$(stat -c %u "$root/var/lib/enlace")" = "$uid" ]
  check "database owned by enlace" [ "$(stat -c %u "$db")" = "$uid" ]
  check "config owned by root" [ "$(stat -c %u "$config")" = 0 ]
fi
check "nothing written outside the root" [ ! -e "$work/etc" ]
if $real; then
  # The installed config must be valid for the installed program (db pointed into the root).
  check "installed config passes --check-config" \
    "$bin" serve --config "$config" --db "$db" --check-config
fi

# --- Second run: the operator's config and the data stay; the release files are refreshed. ---
echo '# changed by the operator' >>"$config"
cp "$config" "$work/config.before"
cp "$db" "$work/db.before"
echo '# stale unit' >>"$unit"
run_install "$root"
check "second run keeps the config" cmp -s "$work/config.before" "$config"
check "second run keeps the database" cmp -s "$work/db.before" "$db"
check "second run refreshes the unit" cmp -s "$src/deploy/enlace.service" "$unit"
check "second run adds no second user" [ "$(grep -c '^enlace:' "$root/etc/passwd")" = 1 ]
check "second run says it kept the config" grep -q 'kept existing /etc/enlace/enlace.toml' "$work/install.log"
check "second run says it kept the database" grep -q 'kept existing database' "$work/install.log"
if ! $real; then
  check "enlace init ran exactly once" [ "$(wc -l <"$root/var/lib/enlace/init-calls.log")" = 1 ]
fi
check "no temporary files left" [ -z "$(find "$root" -name '*.new' -o -name '.enlace*.new')" ]

# --- Another prefix: the unit and config point at it. ---
root2=$work/root2
run_install "$root2" --prefix /opt/enlace
check "binary under the prefix" test -x "$root2/opt/enlace/bin/enlace"
check "unit starts the prefixed binary" \
  grep -qxF 'ExecStart=/opt/enlace/bin/enlace serve --config /etc/enlace/enlace.toml' \
  "$root2/etc/systemd/system/enlace.service"
check "config serves the built-in UI (no web_root)" \
  sh -c '! grep -q "^web_root" "$1"' _ "$root2/etc/enlace/enlace.toml"

# --- Refusals: nothing is installed. ---
root4=$work/root4
if "$install_sh" --build-dir "$work/no-such-build" --root "$root4" >/dev/null 2>&1; then
  fail "install.sh accepted a build dir without enlace"
fi
check "nothing installed after a refusal" [ ! -e "$root4/usr" ]
if "$install_sh" --build-dir "$build" --root "$root4" --prefix relative >/dev/null 2>&1; then
  fail "install.sh accepted a relative prefix"
fi
if "$install_sh" --root "$root4" >/dev/null 2>&1; then
  fail "install.sh ran without --build-dir"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "PASS: install.sh"
