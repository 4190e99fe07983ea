#!/usr/bin/env bash
# Start a throwaway WordPress (Debian's package) as a TrackBack receiver for
# the end-to-end tests, on a loopback address only:
#   - installs the Debian packages that are missing (needs root and apt-get),
#   - runs MariaDB from a fresh datadir in a temp dir, on a private socket,
#     with networking off,
#   - serves /usr/share/wordpress with `php -S 127.x.y.z:<free port>`,
#   - installs the site and creates posts with pings open and closed
#     (site.php; Debian 12 has no wp-cli).
#   - gives the site a mu-plugins folder of its own in DIR, holding only
#     the files named by --mu-plugin (test-only plugins, test-mu-plugins/).
# Usage: start.sh [--open N] [--closed N] [--dir DIR] [--mu-plugin FILE]...
# Prints one line of JSON on stdout: {"url", "dir", "posts": [...]}; the log
# goes to stderr. `stop.sh DIR` stops exactly the processes this started.
#
# Debian's /usr/share/wordpress/wp-config.php reads the site's settings from
# /etc/wordpress/config-<Host header without port>.php. Each instance gets a
# host of its own, a random loopback address 127.x.y.z (all of 127/8 is
# local on Linux), so its settings file is its own too: it never touches
# the file of any other WordPress on the machine (config-127.0.0.1.php,
# config-localhost.php…), refuses an address whose file exists, and
# stop.sh removes the file it wrote.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
open=4
closed=1
dir=''
mu_plugins=()
while [ $# -gt 0 ]; do
  case $1 in
    --open) open=$2; shift 2 ;;
    --closed) closed=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --mu-plugin) mu_plugins+=("$2"); shift 2 ;;
    *) echo "start.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
log() { echo "wordpress: $*" >&2; }
started=$(date +%s%N)

bash "$here/install-packages.sh" >&2

[ -n "$dir" ] || dir=$(mktemp -d "${TMPDIR:-/tmp}/trackback-wp-XXXXXX")
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
me=$(id -un)
fail() {
  log "$*"
  for f in "$dir"/*.log; do [ -f "$f" ] && { echo "--- $f" >&2; tail -n 20 "$f" >&2; }; done
  bash "$here/stop.sh" "$dir" >&2 || true
  exit 1
}

# --- Must-use plugins: this site's own folder ------------------------------
# WP_CONTENT_DIR (/var/lib/wordpress/wp-content) is shared by every site on
# the machine, so test plugins never go there: WPMU_PLUGIN_DIR points into
# DIR, which stop.sh removes.
mkdir -p "$dir/mu-plugins"
for plugin in ${mu_plugins[@]+"${mu_plugins[@]}"}; do
  cp "$plugin" "$dir/mu-plugins/" || fail "cannot copy mu-plugin $plugin"
done

# --- MariaDB: own datadir, unix socket only ---------------------------------
socket="$dir/mysql.sock"
log "initialising MariaDB in $dir/db"
mariadb-install-db --no-defaults --datadir="$dir/db" --user="$me" \
  --auth-root-authentication-method=socket --skip-test-db \
  --skip-name-resolve >"$dir/install-db.log" 2>&1 ||
  fail "mariadb-install-db failed"
mariadbd --no-defaults --datadir="$dir/db" --socket="$socket" \
  --skip-networking --pid-file="$dir/mariadbd.pid" \
  --log-error="$dir/mariadbd.log" --user="$me" \
  --innodb-buffer-pool-size=16M --skip-log-bin \
  </dev/null >/dev/null 2>&1 &
echo $! >"$dir/mariadbd.spawned"
for _ in $(seq 1 100); do
  mariadb-admin --no-defaults --socket="$socket" -u "$me" ping >/dev/null 2>&1 && break
  kill -0 "$(cat "$dir/mariadbd.spawned")" 2>/dev/null || fail "mariadbd exited"
  sleep 0.1
done
mariadb-admin --no-defaults --socket="$socket" -u "$me" ping >/dev/null 2>&1 ||
  fail "mariadbd did not come up"
db_password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
mariadb --no-defaults --socket="$socket" -u "$me" <<SQL || fail "cannot create the database"
CREATE DATABASE wordpress CHARACTER SET utf8mb4;
CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '$db_password';
GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';
SQL

# --- A host of its own -------------------------------------------------------
host=''
for _ in $(seq 1 20); do
  candidate=127.$((RANDOM % 254 + 1)).$((RANDOM % 254 + 1)).$((RANDOM % 253 + 2))
  if [ ! -e "/etc/wordpress/config-$candidate.php" ]; then
    host=$candidate
    break
  fi
done
[ -n "$host" ] || fail "no free loopback address for the site's settings file"
config=/etc/wordpress/config-$host.php
mkdir -p /etc/wordpress || fail "cannot create /etc/wordpress (run as root)"
# stop.sh removes the file named here, and only if it is still ours.
echo "$config" >"$dir/config.path"

# --- php -S on a free port ---------------------------------------------------
free_port() {
  php -r '$s = stream_socket_server("tcp://'"$host"':0");
    $n = stream_socket_get_name($s, false); echo substr($n, strrpos($n, ":") + 1);'
}
salt() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }
port=''
for _ in 1 2 3 4 5; do
  candidate=$(free_port)
  url="http://$host:$candidate"
  cat >"$config" <<PHP
<?php
// Settings of one throwaway test site (written by trackback-action's
// scripts/wordpress/start.sh; its stop.sh removes this file).
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '$db_password');
define('DB_HOST', 'localhost:$socket');
define('DB_CHARSET', 'utf8mb4');
define('WP_HOME', '$url');
define('WP_SITEURL', '$url');
define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');
define('WPMU_PLUGIN_DIR', '$dir/mu-plugins');
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('AUTH_KEY', '$(salt)');
define('SECURE_AUTH_KEY', '$(salt)');
define('LOGGED_IN_KEY', '$(salt)');
define('NONCE_KEY', '$(salt)');
define('AUTH_SALT', '$(salt)');
define('SECURE_AUTH_SALT', '$(salt)');
define('LOGGED_IN_SALT', '$(salt)');
define('NONCE_SALT', '$(salt)');
\$table_prefix = 'wp_';
PHP
  php -S "$host:$candidate" -t /usr/share/wordpress \
    </dev/null >"$dir/php.log" 2>&1 &
  echo $! >"$dir/php.spawned"
  for _ in $(seq 1 50); do
    if (exec 3<>"/dev/tcp/$host/$candidate") 2>/dev/null; then
      port=$candidate
      break
    fi
    kill -0 "$(cat "$dir/php.spawned")" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$port" ] && break
  kill "$(cat "$dir/php.spawned")" 2>/dev/null || true
  rm -f "$dir/php.spawned"
done
[ -n "$port" ] || fail "php -S did not start"
log "serving $url (php pid $(cat "$dir/php.spawned"))"

# --- Install the site and create the posts ----------------------------------
TRACKBACK_WP_DIR="$dir" TRACKBACK_WP_URL="$url" \
  php "$here/site.php" install "$open" "$closed" >"$dir/site.json" 2>"$dir/site.log" ||
  fail "installing the site failed"
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
log "ready in $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000))) s"
cat "$dir/site.json"
