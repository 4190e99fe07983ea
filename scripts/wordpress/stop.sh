#!/usr/bin/env bash
# Stop the WordPress test site that start.sh started in DIR: only the
# processes whose ids it recorded there; remove the settings file it wrote
# in /etc/wordpress (if it is still the one start.sh wrote), then DIR.
set -uo pipefail
dir=${1:?usage: stop.sh DIR}
[ -d "$dir" ] || exit 0
stop_pid() { # stop_pid FILE EXPECTED-COMMAND
  local file=$1 expected=$2 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  # The id must still belong to the process we started (ids are reused).
  if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$expected"; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$file"
}
stop_pid "$dir/php.spawned" "php -S 127."
stop_pid "$dir/mariadbd.spawned" "--datadir=$dir/db"
if [ -f "$dir/config.path" ]; then
  config=$(cat "$dir/config.path")
  case $config in
    /etc/wordpress/config-127.*.php)
      grep -q "scripts/wordpress/start.sh" "$config" 2>/dev/null && rm -f "$config" ;;
  esac
fi
rm -rf "$dir"
