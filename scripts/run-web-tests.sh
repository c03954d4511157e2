#!/usr/bin/env bash
# run-web-tests.sh BUILD_DIR - the browser tests: a real server with the demo
# city (init, demo, serve on a free loopback port, in a temporary directory),
# Debian's chromium driven headless by playwright-core (from web/'s lock),
# one screenshot per test into BUILD_DIR/web-screenshots/. The tests are
# tests/web/*.test.mjs run by node's test runner.
set -uo pipefail
build=${1:?usage: run-web-tests.sh BUILD_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$build" && pwd)/liandong
chromium=${LD_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "web tests: $chromium is missing (scripts/deps.sh installs chromium)" >&2; exit 1; }
[ -d "$root/web/node_modules/playwright-core" ] || "$root/scripts/web-build.sh" >/dev/null

dir=$(mktemp -d /tmp/ld-web-XXXXXX)
pid=""
cleanup() {
	if [ -n "$pid" ]; then
		kill -TERM "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	rm -rf "$dir"
}
trap cleanup EXIT

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
db=$dir/web.db
{
	"$bin" init --db "$db" &&
	echo liandong-demo | "$bin" user add --db "$db" --username admin --role platform_admin --password-stdin &&
	"$bin" demo --db "$db"
} >"$dir/setup.log" 2>&1 || { echo "web tests: cannot set up the demo database:"; cat "$dir/setup.log"; exit 1; }
# The outbox's sender points at a closed loopback port with one try, so the
# SMS a test queues fail at once and 消息发送 has failed messages to resend
# (msg.test.mjs); nothing leaves the machine.
LIANDONG_SMS_GATEWAY_URL=http://127.0.0.1:9/sms LIANDONG_SENDER_MAX_ATTEMPTS=1 LIANDONG_SENDER_TIMEOUT=2 \
	"$bin" serve --db "$db" --listen "127.0.0.1:$port" >"$dir/server.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
	curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break
	sleep 0.1
done
curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null || { echo "web tests: the server did not start:"; cat "$dir/server.log"; exit 1; }

shots=$build/web-screenshots
rm -rf "$shots"
mkdir -p "$shots"
echo "== browser tests ($build, chromium $("$chromium" --version 2>/dev/null | awk '{print $2}'), screenshots in $shots)"
# LD_WEB_TESTS="care fund" runs only those files (while working on them)
files=("$root"/tests/web/*.test.mjs)
if [ -n "${LD_WEB_TESTS:-}" ]; then
	files=()
	for n in $LD_WEB_TESTS; do files+=("$root/tests/web/$n.test.mjs"); done
fi
LD_WEB_DB=$db LD_WEB_BASE="http://127.0.0.1:$port" LD_WEB_SHOTS=$(cd "$shots" && pwd) LD_CHROMIUM=$chromium \
	node --test "${files[@]}"
rc=$?
[ $rc -ne 0 ] && { echo "FAILED (browser tests); server log:"; tail -20 "$dir/server.log"; }
exit $rc
