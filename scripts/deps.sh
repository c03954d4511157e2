#!/usr/bin/env bash
# deps.sh - install the Debian 12 packages Liandong builds, tests and runs with,
# only those that are missing. Needs root (or sudo) when something is missing.
set -euo pipefail

pkgs=(
	gcc make cmake pkg-config
	libmicrohttpd-dev libjansson-dev libsqlite3-dev libsodium-dev
	libpq-dev libqrencode-dev libcmocka-dev libcurl4-openssl-dev
	postgresql-15
	sqlite3 curl valgrind
)

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || { echo "deps: need root or sudo to install ${missing[*]}" >&2; exit 1; }
	sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
