#!/usr/bin/env bash
# Install the Debian packages the WordPress end-to-end suite needs, when
# missing (CI runs as root on Debian 12; a fresh machine takes about a
# minute).
set -euo pipefail
packages=(wordpress php-cli php-mysql php-mbstring php-xml mariadb-server)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
    missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Missing Debian packages: ${missing[*]} (install them as root: apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "Installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Installing mariadb-server would start the system's own MariaDB service;
# the tests run their own server, so keep services from starting.
policy=/usr/sbin/policy-rc.d
made_policy=''
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && made_policy=1
fi
status=0
apt-get install -y -qq --no-install-recommends "${missing[@]}" || status=$?
[ -n "$made_policy" ] && rm -f "$policy"
exit $status
