#!/bin/sh
# Builds the Debian package from a build tree, checks it with lintian, installs it on this
# machine with apt, and checks what an operator gets: the program, the hardened unit (with
# systemd-analyze verify), the service user, /etc/enlace/enlace.toml and /var/lib/enlace;
# then that removing the package keeps the data and a reinstall finds it again.
#
#   tests/deploy/package_test.sh BUILD_DIR
#
# It changes the machine (as CI's must), so it refuses to run where /var/lib/enlace already
# holds data it did not create: it never touches a real deployment.
set -eu

build=${1:?usage: tests/deploy/package_test.sh BUILD_DIR}
build=$(cd "$build" && pwd)
marker=/var/lib/enlace/.made-by-package-test
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

[ "$(id -u)" -eq 0 ] || { echo "SKIP: installing a package needs root" >&2; exit 77; }
if [ -e /var/lib/enlace ] && [ ! -e "$marker" ]; then
  echo "SKIP: /var/lib/enlace exists and was not made by this test; not touching it" >&2
  exit 77
fi
cleanup() {
  dpkg --purge enlace >/dev/null 2>&1 || true
  if [ -e "$marker" ]; then rm -rf /var/lib/enlace; fi
}
cleanup
trap cleanup EXIT

(cd "$build" && rm -f enlace_*.deb && cpack -G DEB >"$build/cpack.log" 2>&1) || {
  cat "$build/cpack.log" >&2
  echo "FAIL: cpack could not build the package" >&2
  exit 1
}
deb=$(ls "$build"/enlace_*.deb)
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# lintian: errors fail the test; warnings are printed for a reader.
lintian --tag-display-limit 0 "$deb" >"$build/lintian.log" 2>&1 || true
cat "$build/lintian.log"
if grep -q '^E:' "$build/lintian.log"; then fail "lintian reports errors"; fi

apt-get install -y -qq "$deb" >"$build/apt-install.log" 2>&1 || {
  cat "$build/apt-install.log" >&2
  echo "FAIL: apt-get install of the package failed" >&2
  exit 1
}
touch "$marker"

check "enlace --version names the version" sh -c '/usr/bin/enlace --version | grep -q "^enlace [0-9]"'
check "unit installed" test -f /lib/systemd/system/enlace.service
check "unit starts /usr/bin/enlace" \
  grep -qxF 'ExecStart=/usr/bin/enlace serve --config /etc/enlace/enlace.toml' /lib/systemd/system/enlace.service
if command -v systemd-analyze >/dev/null 2>&1; then
  systemd-analyze verify --man=no /lib/systemd/system/enlace.service >"$build/verify.log" 2>&1 ||
    fail "systemd-analyze verify exited non-zero"
  if grep -q enlace "$build/verify.log"; then
    cat "$build/verify.log" >&2
    fail "systemd-analyze verify warned about the installed unit"
  fi
fi
check "system user enlace" sh -c 'getent passwd enlace | grep -q ":/var/lib/enlace:/usr/sbin/nologin$"'
check "config installed" test -f /etc/enlace/enlace.toml
check "config mode 640, group enlace" sh -c '[ "$(stat -c %a:%U:%G /etc/enlace/enlace.toml)" = 640:root:enlace ]'
check "/etc/enlace mode 750" sh -c '[ "$(stat -c %a /etc/enlace)" = 750 ]'
check "state directory 700, owned by enlace" sh -c '[ "$(stat -c %a:%U /var/lib/enlace)" = 700:enlace ]'
check "database created, owned by enlace" sh -c '[ "$(stat -c %U /var/lib/enlace/enlace.db)" = enlace ]'
check "the installed config is valid for the installed program" \
  runuser -u enlace -- /usr/bin/enlace serve --config /etc/enlace/enlace.toml --check-config

# Removing keeps the data; the next install finds the same database.
runuser -u enlace -- /usr/bin/enlace user add --db /var/lib/enlace/enlace.db --username pkgtest \
  --role system_admin --password-stdin >/dev/null <<'PW'
a long enough package test password
PW
before=$(sha256sum /var/lib/enlace/enlace.db | cut -d' ' -f1)
apt-get remove -y -qq enlace >/dev/null 2>&1 || fail "apt-get remove failed"
check "program gone after remove" test ! -e /usr/bin/enlace
check "database kept after remove" test -f /var/lib/enlace/enlace.db
apt-get install -y -qq "$deb" >/dev/null 2>&1 || fail "reinstall failed"
check "reinstall keeps the database as it was" \
  sh -c '[ "$(sha256sum /var/lib/enlace/enlace.db | cut -d" " -f1)" = "$1" ]' _ "$before"
dpkg --purge enlace >/dev/null 2>&1 || fail "dpkg --purge failed"
check "database kept even after purge" test -f /var/lib/enlace/enlace.db

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "PASS: the Debian package"
