-- create.lua - wrk script for the durable-write benchmark (bench/load.sh).
--
-- Every request is POST /api/v1/people with a fresh, valid Chinese resident
-- ID number (GB 11643), so no request hits the unique index:
--   body {"name":"压测","id_number":ID,"phone":"13800000000"}
-- Arguments after wrk's "--": TOKEN [THREADS]  (THREADS = wrk's -t; without
-- the arguments, BENCH_TOKEN and BENCH_THREADS (default 2) are used).
--
-- ID numbers: "421002" + birth date YYYYMMDD + 3-digit sequence + check char.
-- Thread i (0-based, numbered in setup()) issues the numbers n = i, i+T, i+2T,
-- ... (T = THREADS), so threads never share a number; n selects the birth
-- date (n / 1000) and the sequence (n % 1000). Birth dates are only the 29th,
-- 30th and 31st of a month, from 1990-01-29 up to 2025-12-31 and then from
-- 1900-01-29 to 1989-12-31: the demo city (liandong demo) draws birth days
-- 1..28, so none of these numbers can belong to a demo person. That gives
-- about 3.6 million distinct numbers per run (the database is fresh each run).
--
-- Any answer other than 201 is counted (bench/expect.lua); done() prints the
-- counts by status. A 409 would mean an ID collision (a generator bug), so
-- load.sh fails the run unless the count is 0.

local token = os.getenv("BENCH_TOKEN")
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")

-- setup(), response() and done(): the shared status accounting.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "expect.lua")
expected = 201

local weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 }
local checkchars = "10X98765432"

local function check_char(id17)
	local sum = 0
	for i = 1, 17 do
		sum = sum + (string.byte(id17, i) - 48) * weights[i]
	end
	local k = sum % 11
	return string.sub(checkchars, k + 1, k + 1)
end

local function leap(y)
	return (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0
end

local mdays = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

local dates = {}
local function add_year(y)
	for m = 1, 12 do
		local last = mdays[m]
		if m == 2 and leap(y) then
			last = 29
		end
		for d = 29, last do
			table.insert(dates, string.format("%04d%02d%02d", y, m, d))
		end
	end
end

-- tid is a global: setup() sets it in this thread's Lua state.
tid = tid or 0
local k = 0
local path = "/api/v1/people"
local headers = { ["Content-Type"] = "application/json" }

function init(args)
	if args[1] and args[1] ~= "" then
		token = args[1]
	end
	if args[2] then
		nthreads = tonumber(args[2])
	end
	if not token or token == "" then
		error("create.lua: no token (pass it after -- or set BENCH_TOKEN)")
	end
	if tid >= nthreads then
		error("create.lua: more wrk threads than THREADS=" .. nthreads)
	end
	headers["Authorization"] = "Bearer " .. token
	for y = 1990, 2025 do add_year(y) end
	for y = 1900, 1989 do add_year(y) end
end

function request()
	local n = k * nthreads + tid
	k = k + 1
	local di = math.floor(n / 1000) + 1
	if di > #dates then
		error("create.lua: ID number space exhausted")
	end
	local id17 = string.format("421002%s%03d", dates[di], n % 1000)
	local id = id17 .. check_char(id17)
	local body = '{"name":"压测","id_number":"' .. id .. '","phone":"13800000000"}'
	return wrk.format("POST", path, headers, body)
end
