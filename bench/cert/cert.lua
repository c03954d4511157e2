-- cert.lua - wrk script for bench/cert/run.sh: every request is the same
-- BENCH_METHOD (GET or POST) to BENCH_PATH with BENCH_BODY (POST), signed
-- in with BENCH_TOKEN; any answer other than BENCH_EXPECT (201 or 200) is
-- counted by bench/expect.lua and fails the run.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../expect.lua")
expected = tonumber(os.getenv("BENCH_EXPECT") or "200")

wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.path = os.getenv("BENCH_PATH") or "/api/v1/health"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "")
if wrk.body then
	wrk.headers["Content-Type"] = "application/json"
end
