-- mobilize.lua - wrk script of bench/geo/http.sh: GET
-- /api/v1/emergencies/{id}/candidates for incidents 1..N in turn (each wrk
-- thread starting at its own offset), as the platform admin; every answer
-- must be 200 (expect.lua). Arguments after --: TOKEN THREADS N.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../expect.lua")
expected = 200

local n, i = 1000, 0

function init(args)
	wrk.headers["Authorization"] = "Bearer " .. args[1]
	n = tonumber(args[3]) or n
	i = (tid or 0) * 7919 % n
end

function request()
	i = i % n + 1
	return wrk.format("GET", "/api/v1/emergencies/" .. i .. "/candidates")
end
