-- list.lua - wrk script for the authenticated GET benchmarks (bench/load.sh).
--
-- Adds "Authorization: Bearer TOKEN" to every request; the URL given to wrk
-- (e.g. /api/v1/people?limit=20 or /api/v1/volunteers/1) is requested as is.
-- The token comes from the first script argument (wrk ... URL -- TOKEN) or,
-- failing that, from the environment variable BENCH_TOKEN.
-- Non-2xx answers are counted by wrk itself ("Non-2xx or 3xx responses").

local token = os.getenv("BENCH_TOKEN")

function init(args)
	if args[1] and args[1] ~= "" then
		token = args[1]
	end
	if not token or token == "" then
		error("list.lua: no token (pass it after -- or set BENCH_TOKEN)")
	end
	wrk.headers["Authorization"] = "Bearer " .. token
end
