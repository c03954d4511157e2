-- checkin.lua - wrk script for the durable check-in benchmark
-- (bench/service.sh): POST /api/v1/attendance/check-in by an organiser.
--
-- Every request checks in a different accepted sign-up, by hand:
--   body {"signup_id": N, "reason": "bench"}
--   header Idempotency-Key: bench-NONCE-TID-K   (unique per request)
-- so each one writes an attendance row, its audit entry and the stored
-- idempotent answer in one transaction and must answer 201 (a repeated
-- check-in of one sign-up writes nothing and answers 200, which this
-- script counts as wrong).
--
-- Arguments after wrk's "--": TOKEN THREADS FIRST PER NONCE. Thread i
-- (0-based, numbered by setup() in bench/expect.lua) owns the sign-up ids
-- FIRST + i*PER .. FIRST + (i+1)*PER - 1 and takes them in order with its
-- own counter, so threads never share an id. service.sh loads enough
-- accepted sign-ups that a run cannot use them up; if one did, the script
-- stops with an error rather than repeat an id.

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "expect.lua")
expected = 201

tid = tid or 0
local k = 0
local first, per, nonce
local path = "/api/v1/attendance/check-in"
local headers = { ["Content-Type"] = "application/json" }

function init(args)
	local token, nthreads = args[1], tonumber(args[2])
	first, per, nonce = tonumber(args[3]), tonumber(args[4]), args[5]
	if not token or token == "" or not nthreads or not first or not per or not nonce then
		error("checkin.lua: arguments TOKEN THREADS FIRST PER NONCE")
	end
	if tid >= nthreads then
		error("checkin.lua: more wrk threads than THREADS=" .. nthreads)
	end
	headers["Authorization"] = "Bearer " .. token
end

function request()
	if k >= per then
		error("checkin.lua: thread " .. tid .. " used all its " .. per .. " sign-ups")
	end
	local id = first + tid * per + k
	headers["Idempotency-Key"] = string.format("bench-%s-%d-%d", nonce, tid, k)
	k = k + 1
	return wrk.format("POST", path, headers, '{"signup_id":' .. id .. ',"reason":"bench"}')
end
