-- expect.lua - shared part of the wrk scripts whose every answer must have
-- one status (create.lua, checkin.lua: 201). A script loads it with
--   dofile(BENCH_DIR .. "expect.lua"); expected = 201
-- and gets:
--   setup()     numbers the wrk threads: global `tid` = 0, 1, ... in each
--               thread's Lua state (the script uses it to split its work);
--   response()  counts every answer whose status is not `expected`;
--   done()      prints "non-201 responses: N" (N = 0 when all were right),
--               the counts by status and the first unexpected answer.
-- The shell scripts read the "non-NNN responses:" line (bench/lib.sh
-- `unexpected`) and fail the run unless N is 0.

expected = expected or 201

-- setup() runs in the main Lua state once per wrk thread, before init().
local next_tid = 0
local threads = {}
function setup(thread)
	thread:set("tid", next_tid)
	next_tid = next_tid + 1
	table.insert(threads, thread)
end

-- Per-thread results, as globals so that done() can read them with
-- thread:get() (only plain values cross between wrk's Lua states).
unexpected = 0      -- answers other than `expected`
statuses = ""       -- "STATUSxCOUNT,..." of those answers
first_error = nil   -- status and body of the first of them
local by_status = {}

function response(status, hdrs, body)
	if status ~= expected then
		unexpected = unexpected + 1
		local s = tostring(status)
		by_status[s] = (by_status[s] or 0) + 1
		first_error = first_error or (s .. " " .. tostring(body))
		local parts = {}
		for st, c in pairs(by_status) do
			table.insert(parts, st .. "x" .. c)
		end
		statuses = table.concat(parts, ",")
	end
end

function done(summary, latency, requests)
	local total, detail, sample = 0, {}, nil
	for _, t in ipairs(threads) do
		total = total + (t:get("unexpected") or 0)
		local st = t:get("statuses")
		if st and st ~= "" then
			table.insert(detail, st)
		end
		sample = sample or t:get("first_error")
	end
	io.write(string.format("non-%d responses: %d", expected, total))
	if #detail > 0 then
		io.write(" (status x count: " .. table.concat(detail, "; ") .. ")")
	end
	io.write("\n")
	if sample then
		io.write("first non-" .. expected .. " response: " .. sample .. "\n")
	end
end
