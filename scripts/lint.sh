#!/usr/bin/env bash
# lint.sh - project rules a compiler does not check (docs/ARCHITECTURE.md
# has the layers and the adapters):
#  - banned functions in src/, tests/ and bench/: sprintf, vsprintf, strcpy,
#    strcat, gets, atoi, atol, strtok (unbounded or error-blind; use
#    snprintf, memcpy, strtoll, ...);
#  - raw malloc/calloc/realloc outside the aborting wrappers (core/arena.c)
#    and domain/, whose pure modules cannot include core/ and report running
#    out of memory to their caller instead (-1);
#  - each third-party header in its adapter only;
#  - domain/ includes no other layer.
# Each rule is one test; the last line is "lint: N passed, N failed" and the
# exit status is 1 when any rule is broken.
set -euo pipefail
cd "$(dirname "$0")/.."
passed=0
failed=0

# rule DESCRIPTION: count the rule just checked; $broken says how it went
broken=0
rule() {
	if [ "$broken" -eq 0 ]; then
		passed=$((passed + 1))
	else
		echo "lint: $1"
		failed=$((failed + 1))
	fi
	broken=0
}

banned='\b(sprintf|vsprintf|strcpy|strcat|gets|atoi|atol|strtok)\s*\('
if grep -nE "$banned" --include='*.c' --include='*.h' --include='*.cc' -r src tests bench; then
	broken=1
fi
rule "banned function above (use snprintf, memcpy, strtoll, ...)"

raw_alloc='\b(malloc|calloc|realloc)\s*\('
if grep -nE "$raw_alloc" --include='*.c' -r src | grep -vE '^src/(core/arena\.c|domain/)'; then
	broken=1
fi
rule "raw allocation above (use xmalloc/xcalloc/xrealloc or the request arena)"

# header -> the only places it may be included from
check_header() {
	local header=$1 allowed=$2
	local hits
	hits=$(grep -rlE "#include <$header>" src | grep -vE "$allowed" || true)
	if [ -n "$hits" ]; then
		echo "$hits"
		broken=1
	fi
	rule "<$header> included outside its adapter (files above)"
}
check_header 'microhttpd\.h' '^src/http/server\.c$'
check_header 'sqlite3\.h' '^src/store/sqlite/'
check_header 'libpq-fe\.h' '^src/store/pg/'
check_header 'sodium\.h' '^src/crypto/'
check_header 'qrencode\.h' '^src/qr/'
check_header 'xlsxwriter\.h' '^src/io/export_xlsx\.c$'
check_header 'unzip\.h' '^src/io/sheet_xlsx\.c$'
check_header 'expat\.h' '^src/io/sheet_xlsx\.c$'
check_header 'jansson\.h' '^src/(model/codec\.[ch]|http/)'
check_header 'cairo(-pdf)?\.h' '^src/pdf/'
check_header 'pango/[a-z]+\.h' '^src/pdf/'
check_header 'fontconfig/fontconfig\.h' '^src/pdf/'
check_header 'curl/curl\.h' '^src/net/net\.c$'

# The store stays out of the handlers' sight: nothing under src/http/
# reaches a store/ header, directly or through the headers it includes
# (service headers name only service and model types), and nothing there
# calls store_*: requests open and close their context with svc_ctx_begin
# and svc_ctx_end (service/service.h).
includes() { grep -hoE '^#include "[^"]+"' "$@" | sed -E 's/^#include "(.*)"$/\1/' | sort -u; }
declare -A via=()
todo=()
for f in $(find src/http -name '*.[ch]' | sort); do
	for h in $(includes "$f"); do
		[ -n "${via[$h]:-}" ] || { via[$h]=$f; todo+=("$h"); }
	done
done
while [ ${#todo[@]} -gt 0 ]; do
	h=${todo[0]}
	todo=("${todo[@]:1}")
	[ -f "src/$h" ] || continue
	for g in $(includes "src/$h"); do
		[ -n "${via[$g]:-}" ] || { via[$g]="src/$h"; todo+=("$g"); }
	done
done
for h in "${!via[@]}"; do
	if [[ $h == store/* ]]; then
		echo "lint: src/http/ reaches $h (included by ${via[$h]})"
		broken=1
	fi
done
rule "src/http/ reaches a store/ header (service headers name only service and model types)"
if grep -nE '\bstore_[a-z0-9_]+\s*\(' -r src/http; then
	broken=1
fi
rule "src/http/ calls the store above (go through a service function)"

# domain/ is pure: it includes only itself and the C library.
if grep -nE '#include "(core|model|service|store|http|crypto)/' -r src/domain; then
	broken=1
fi
rule "domain/ must not include other layers"

echo "lint: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
