#!/usr/bin/env bash
# deps.sh - install the Debian 12 packages Liandong builds, tests and runs with,
# only those that are missing (chromium and a small CJK font for the browser
# tests and their screenshots, the same font for the certificate PDF,
# poppler-utils for the tests that read it; nginx, openssl, systemd-analyze
# and Prometheus's text parser for the operations tests, t_ops.c; python3
# and openssl for the sender tests' loopback SMS gateway and SMTP server
# with STARTTLS, t_sender.c). Needs root (or sudo) when
# something is missing.
set -euo pipefail

pkgs=(
	gcc make cmake pkg-config
	libmicrohttpd-dev libjansson-dev libsqlite3-dev libsodium-dev
	libpq-dev libqrencode-dev libcmocka-dev libcurl4-openssl-dev
	libxlsxwriter-dev unzip
	libminizip-dev libexpat1-dev
	libcairo2-dev libpango1.0-dev poppler-utils
	postgresql-15
	sqlite3 curl valgrind python3 openssl
	chromium fonts-wqy-microhei
	nginx-light systemd python3-prometheus-client
)

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done
# The web app's build needs Node.js and npm; any install of them will do (a
# machine may have a newer one than Debian's), so Debian's only when absent.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
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
