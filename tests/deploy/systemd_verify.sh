#!/bin/sh
# Checks deploy/enlace.service with `systemd-analyze verify` and `security --offline`.
#
# verify insists that ExecStart's binary exists, so the unit is copied into a temporary
# directory with /usr/local/bin/enlace replaced by a stand-in executable. verify exits 0
# on many warnings (an unknown key, a bad value), so any line naming the unit fails too.
# Usage: tests/deploy/systemd_verify.sh [path/to/enlace.service]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
unit=${1:-$here/../../deploy/enlace.service}
max_exposure=${ENLACE_MAX_EXPOSURE:-2.0}

if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "SKIP: systemd-analyze not installed" >&2
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '#!/bin/sh\nexit 0\n' >"$work/enlace"
chmod 0755 "$work/enlace"
sed "s#/usr/local/bin/enlace#$work/enlace#g" "$unit" >"$work/enlace.service"

status=0
if ! systemd-analyze verify --man=no "$work/enlace.service" >"$work/verify.log" 2>&1; then
  echo "FAIL: systemd-analyze verify exited non-zero" >&2
  status=1
fi
if grep -q 'enlace' "$work/verify.log"; then
  echo "FAIL: systemd-analyze verify warned about the unit" >&2
  status=1
fi
cat "$work/verify.log" >&2

# The hardening must not quietly erode: fail above the agreed exposure score (0 best, 10 worst).
if systemd-analyze security --help 2>/dev/null | grep -q -- '--offline'; then
  if ! systemd-analyze security --offline=yes --threshold=20 --no-pager \
      "$work/enlace.service" >"$work/security.log" 2>&1; then
    cat "$work/security.log" >&2
    echo "FAIL: systemd-analyze security failed" >&2
    status=1
  fi
  score=$(sed -n 's/.*Overall exposure level for enlace.service: \([0-9.]*\).*/\1/p' \
    "$work/security.log")
  if [ -z "$score" ]; then
    echo "FAIL: no exposure score in systemd-analyze security output" >&2
    status=1
  elif ! awk -v s="$score" -v m="$max_exposure" 'BEGIN { exit !(s <= m) }'; then
    grep -v '^✓' "$work/security.log" >&2 || true
    echo "FAIL: exposure level $score is above $max_exposure" >&2
    status=1
  else
    echo "exposure level $score (limit $max_exposure)"
  fi
fi

# Directives the deployment relies on (docs/OPERATIONS.md describes them).
for line in 'Type=notify' 'NotifyAccess=main' 'User=enlace' 'StateDirectory=enlace' \
  'ExecStart=/usr/local/bin/enlace serve --config /etc/enlace/enlace.toml' \
  'ProtectSystem=strict' 'NoNewPrivileges=yes' 'PrivateTmp=yes' \
  'SystemCallFilter=@system-service' 'CapabilityBoundingSet=' 'UMask=0077' \
  'Restart=on-failure'; do
  if ! grep -qxF "$line" "$unit"; then
    echo "FAIL: $unit lacks the line '$line'" >&2
    status=1
  fi
done

[ "$status" -eq 0 ] && echo "PASS: $unit"
exit "$status"
