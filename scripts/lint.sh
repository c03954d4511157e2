#!/usr/bin/env bash
# lint.sh - project rules a compiler does not check (see ../shared/STYLE.md):
#  - banned functions: sprintf, vsprintf, strcpy, strcat, gets, atoi, atol,
#    strtok (unbounded or error-blind; use snprintf, memcpy, strtoll, ...);
#  - raw malloc/calloc/realloc outside the aborting wrappers (core/arena.c)
#    and domain/, whose pure modules cannot include core/ and report running
#    out of memory to their caller instead (-1);
#  - each third-party header in its adapter only.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0

banned='\b(sprintf|vsprintf|strcpy|strcat|gets|atoi|atol|strtok)\s*\('
if grep -nE "$banned" --include='*.c' --include='*.h' -r src tests; then
	echo "lint: banned function above (use snprintf, memcpy, strtoll, ...)"
	fail=1
fi

raw_alloc='\b(malloc|calloc|realloc)\s*\('
if grep -nE "$raw_alloc" --include='*.c' -r src | grep -vE '^src/(core/arena\.c|domain/)'; then
	echo "lint: raw allocation above (use xmalloc/xcalloc/xrealloc or the request arena)"
	fail=1
fi

# header -> the only places it may be included from
check_header() {
	local header=$1 allowed=$2
	local hits
	hits=$(grep -rlE "#include <$header>" src | grep -vE "$allowed" || true)
	if [ -n "$hits" ]; then
		echo "lint: <$header> included outside its adapter: $hits"
		fail=1
	fi
}
check_header 'microhttpd\.h' '^src/http/server\.c$'
check_header 'sqlite3\.h' '^src/store/sqlite/'
check_header 'libpq-fe\.h' '^src/store/pg/'
check_header 'sodium\.h' '^src/crypto/'
check_header 'qrencode\.h' '^src/qr/'
check_header 'jansson\.h' '^src/(model/codec\.[ch]|http/)'

# domain/ is pure: it includes only itself and the C library.
if grep -nE '#include "(core|model|service|store|http|crypto)/' -r src/domain; then
	echo "lint: domain/ must not include other layers"
	fail=1
fi

[ $fail -eq 0 ] && echo "lint: ok"
exit $fail
