#!/bin/sh
# Installs Enlace from a build tree on Debian 12. Safe to run again: it replaces the
# program (with its web UI built in) and unit, and never touches an existing config or
# database. The Debian package (deploy/package.sh) installs the same at Debian's paths.
#
#   deploy/install.sh --build-dir build [--prefix /usr/local] [--root DIR]
#
# --root DIR installs under DIR instead of / (like DESTDIR), for tests and image builds:
# the service user is then added to DIR/etc/passwd and systemd is not told.
set -eu

usage() {
  cat <<'EOF'
usage: deploy/install.sh --build-dir DIR [--prefix /usr/local] [--root DIR]
  --build-dir DIR  CMake build tree holding the `enlace` executable
  --prefix DIR     where the program goes (default /usr/local)
  --root DIR       install beneath DIR instead of / (no systemctl, files owned by the
                   caller unless run as root)
EOF
}

die() {
  echo "install.sh: $*" >&2
  exit 2
}
say() { echo "install.sh: $*"; }

src=$(cd "$(dirname "$0")/.." && pwd)
build=""
prefix=/usr/local
root=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) [ $# -ge 2 ] || die "--build-dir needs a value"; build=$2; shift 2 ;;
    --prefix) [ $# -ge 2 ] || die "--prefix needs a value"; prefix=$2; shift 2 ;;
    --root) [ $# -ge 2 ] || die "--root needs a value"; root=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
[ -n "$build" ] || { usage >&2; die "--build-dir is required"; }
case "$prefix" in /*) ;; *) die "--prefix must be an absolute path" ;; esac
case "$prefix" in *'#'* | *'&'* | *\\*) die "--prefix must not contain #, & or \\" ;; esac
if [ -n "$root" ]; then
  mkdir -p "$root"
  root=$(cd "$root" && pwd)
  [ "$root" != / ] || root=""
fi

binary=$build/enlace
[ -x "$binary" ] || die "no executable at $binary (build first: cmake --build $build)"

bin_dir=$root$prefix/bin
doc_dir=$root$prefix/share/doc/enlace
etc_dir=$root/etc/enlace
unit_dir=$root/etc/systemd/system
state_dir=$root/var/lib/enlace
db=$state_dir/enlace.db
config=$etc_dir/enlace.toml
am_root=false
[ "$(id -u)" -eq 0 ] && am_root=true

# 1. The service user: a system user with no shell, home = the state directory.
sysusers_line='u enlace - "Enlace server" /var/lib/enlace /usr/sbin/nologin'
if [ -n "$root" ]; then
  mkdir -p "$root/etc"
  command -v systemd-sysusers >/dev/null 2>&1 || die "systemd-sysusers is needed for --root"
  systemd-sysusers --root "$root" --inline "$sysusers_line" >/dev/null
elif ! getent passwd enlace >/dev/null; then
  $am_root || die "run as root to create the user enlace"
  if command -v systemd-sysusers >/dev/null 2>&1; then
    systemd-sysusers --inline "$sysusers_line"
  else
    useradd --system --user-group --home-dir /var/lib/enlace --no-create-home \
      --shell /usr/sbin/nologin --comment "Enlace server" enlace
  fi
fi
# Numeric ids, from the target's passwd under --root (the host may have no such user).
if [ -n "$root" ]; then
  entry=$(awk -F: '$1 == "enlace"' "$root/etc/passwd")
else
  entry=$(getent passwd enlace || true)
fi
uid=$(echo "$entry" | cut -d: -f3)
gid=$(echo "$entry" | cut -d: -f4)
if [ -z "$uid" ] || [ -z "$gid" ]; then die "user enlace not found"; fi
own() { if $am_root; then chown "$@"; fi; }

# 2. The program. Copy then rename, so a running server keeps its old file intact.
install -d -m 0755 "$bin_dir"
install -m 0755 "$binary" "$bin_dir/.enlace.new"
mv -f "$bin_dir/.enlace.new" "$bin_dir/enlace"
say "installed $prefix/bin/enlace"

install -d -m 0755 "$doc_dir"
install -m 0644 "$src/docs/OPERATIONS.md" "$doc_dir/OPERATIONS.md"
install -m 0644 "$src/deploy/enlace.example.toml" "$doc_dir/enlace.example.toml"

# 3. The unit, rewritten for the prefix. Local changes belong in a drop-in
#    (systemctl edit enlace), which this does not touch.
install -d -m 0755 "$unit_dir"
sed "s#/usr/local/#$prefix/#g" "$src/deploy/enlace.service" >"$unit_dir/.enlace.service.new"
chmod 0644 "$unit_dir/.enlace.service.new"
mv -f "$unit_dir/.enlace.service.new" "$unit_dir/enlace.service"
say "installed /etc/systemd/system/enlace.service"

# 4. The configuration: written once, never overwritten. Readable by the service's group.
install -d -m 0750 "$etc_dir"
own "0:$gid" "$etc_dir"
if [ -e "$config" ]; then
  say "kept existing /etc/enlace/enlace.toml"
else
  cp "$src/deploy/enlace.example.toml" "$config.new"
  chmod 0640 "$config.new"
  own "0:$gid" "$config.new"
  mv "$config.new" "$config"
  say "wrote /etc/enlace/enlace.toml from the example; review it"
fi

# 5. The database: created once. An existing one is left alone, even for an upgrade:
#    migrating is a deliberate step (stop, back up, enlace init) in docs/OPERATIONS.md.
install -d -m 0700 "$state_dir"
own "$uid:$gid" "$state_dir"
if [ -e "$db" ]; then
  say "kept existing database /var/lib/enlace/enlace.db"
else
  (umask 0077 && "$bin_dir/enlace" init --db "$db") || die "enlace init failed"
  own -R "$uid:$gid" "$state_dir"
  say "created database /var/lib/enlace/enlace.db"
fi

# 6. Tell systemd, on a real system only. Starting is left to the operator.
if [ -z "$root" ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
  systemctl daemon-reload
fi

cat <<EOF
install.sh: done. Next steps (docs/OPERATIONS.md):
  runuser -u enlace -- $prefix/bin/enlace serve --config /etc/enlace/enlace.toml --check-config
  runuser -u enlace -- $prefix/bin/enlace user add --db /var/lib/enlace/enlace.db \
      --username admin --role system_admin --password-stdin
  systemctl enable --now enlace
EOF
