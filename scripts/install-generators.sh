#!/usr/bin/env bash
# Install Debian's Jekyll and Hugo when missing: the oracle end-to-end suite
# builds fixture sites with them (CI runs as root on Debian 12).
set -euo pipefail
missing=()
for pkg in jekyll hugo; do
  command -v "$pkg" >/dev/null || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Missing: ${missing[*]} (install them as root: apt-get install ${missing[*]})" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
