#!/bin/sh
# Installs Enlace from a build tree on Debian 12. Safe to run again: it replaces the
# program, web assets and unit, and never touches an existing config or database.
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
  --prefix DIR     where the program and web assets go (default /usr/local)
  --root DIR       install beneath DIR instead of / (no systemctl, files owned by the
                   caller unless run as root)
  --web-dist DIR   built web UI (default: BUILD/web/dist, else web/dist in the source)
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
web_dist=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) [ $# -ge 2 ] || die "--build-dir needs a value"; build=$2; shift 2 ;;
    --prefix) [ $# -ge 2 ] || die "--prefix needs a value"; prefix=$2; shift 2 ;;
    --root) [ $# -ge 2 ] || die "--root needs a value"; root=$2; shift 2 ;;
    --web-dist) [ $# -ge 2 ] || die "--web-dist needs a value"; web_dist=$2; shift 2 ;;
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
if [ -z "$web_dist" ]; then
  if [ -d "$build/web/dist" ]; then web_dist=$build/web/dist; else web_dist=$src/web/dist; fi
fi

bin_dir=$root$prefix/bin
web_dir=$root$prefix/share/enlace/web
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

# 3. Web assets: replaced as a whole, so files dropped from a release disappear.
web_installed=false
if [ -f "$web_dist/index.html" ]; then
  install -d -m 0755 "$(dirname "$web_dir")"
  rm -rf "$web_dir.new"
  cp -R "$web_dist" "$web_dir.new"
  chmod -R u=rwX,go=rX "$web_dir.new"
  rm -rf "$web_dir"
  mv "$web_dir.new" "$web_dir"
  web_installed=true
  say "installed web assets in $prefix/share/enlace/web"
else
  say "warning: no built web UI at $web_dist (run npm run build in web/); API only"
fi

install -d -m 0755 "$doc_dir"
install -m 0644 "$src/docs/OPERATIONS.md" "$doc_dir/OPERATIONS.md"
install -m 0644 "$src/deploy/enlace.example.toml" "$doc_dir/enlace.example.toml"

# 4. The unit, rewritten for the prefix. Local changes belong in a drop-in
#    (systemctl edit enlace), which this does not touch.
install -d -m 0755 "$unit_dir"
sed "s#/usr/local/#$prefix/#g" "$src/deploy/enlace.service" >"$unit_dir/.enlace.service.new"
chmod 0644 "$unit_dir/.enlace.service.new"
mv -f "$unit_dir/.enlace.service.new" "$unit_dir/enlace.service"
say "installed /etc/systemd/system/enlace.service"

# 5. The configuration: written once, never overwritten. Readable by the service's group.
install -d -m 0750 "$etc_dir"
own "0:$gid" "$etc_dir"
if [ -e "$config" ]; then
  say "kept existing /etc/enlace/enlace.toml"
else
  if $web_installed; then
    sed "s#^web_root = \"/usr/local/#web_root = \"$prefix/#" \
      "$src/deploy/enlace.example.toml" >"$config.new"
  else
    sed 's#^web_root = #\# web_root = #' "$src/deploy/enlace.example.toml" >"$config.new"
  fi
  chmod 0640 "$config.new"
  own "0:$gid" "$config.new"
  mv "$config.new" "$config"
  say "wrote /etc/enlace/enlace.toml from the example; review it"
fi

# 6. The database: created once. An existing one is left alone, even for an upgrade:
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

# 7. Tell systemd, on a real system only. Starting is left to the operator.
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
