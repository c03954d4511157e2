// lemon_assign.cc - the same sparse instances solved by LEMON (Debian's
// liblemon-dev) for comparison with bench_assign: CapacityScaling,
// CostScaling and NetworkSimplex on source -> task (demand) -> worker (1)
// -> sink. Timing covers building the graph and running the algorithm.
//
//   lemon_assign DIR NAME...
#include <lemon/capacity_scaling.h>
#include <lemon/cost_scaling.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace lemon;
typedef SmartDigraph G;

struct Inst {
	int32_t nt = 0, nv = 0;
	int64_t ne = 0;
	std::vector<int32_t> dem, task, vol, cost;
};

static bool load(const std::string &path, Inst &in)
{
	FILE *f = std::fopen(path.c_str(), "rb");
	char magic[8];
	if (!f)
		return false;
	bool ok = std::fread(magic, 1, 8, f) == 8 && !std::memcmp(magic, "ASGNv1", 6) &&
		std::fread(&in.nt, 4, 1, f) == 1 && std::fread(&in.nv, 4, 1, f) == 1 &&
		std::fread(&in.ne, 8, 1, f) == 1;
	if (ok) {
		in.dem.resize(in.nt);
		in.task.resize(in.ne);
		in.vol.resize(in.ne);
		in.cost.resize(in.ne);
		ok = std::fread(in.dem.data(), 4, in.nt, f) == (size_t)in.nt &&
			std::fread(in.task.data(), 4, in.ne, f) == (size_t)in.ne &&
			std::fread(in.vol.data(), 4, in.ne, f) == (size_t)in.ne &&
			std::fread(in.cost.data(), 4, in.ne, f) == (size_t)in.ne;
	}
	std::fclose(f);
	return ok;
}

static double now()
{
	return std::chrono::duration<double>(
		std::chrono::steady_clock::now().time_since_epoch()).count();
}

template <class Alg>
static void run(const char *name, const char *alg, const Inst &in)
{
	double t0 = now();
	G g;
	g.reserveNode(in.nt + in.nv + 1);
	g.reserveArc(in.ne + in.nv);
	std::vector<G::Node> tn(in.nt), vn(in.nv);
	for (auto &n : tn)
		n = g.addNode();
	for (auto &n : vn)
		n = g.addNode();
	G::Node sink = g.addNode();
	G::ArcMap<int64_t> cap(g), cost(g);
	G::NodeMap<int64_t> sup(g, 0);
	int64_t total = 0;
	for (int32_t t = 0; t < in.nt; t++) {
		sup[tn[t]] = in.dem[t];
		total += in.dem[t];
	}
	sup[sink] = -total;
	for (int64_t e = 0; e < in.ne; e++) {
		G::Arc a = g.addArc(tn[in.task[e]], vn[in.vol[e]]);
		cap[a] = 1;
		cost[a] = in.cost[e];
	}
	for (int32_t v = 0; v < in.nv; v++) {
		G::Arc a = g.addArc(vn[v], sink);
		cap[a] = 1;
		cost[a] = 0;
	}
	Alg alg_(g);
	alg_.upperMap(cap).costMap(cost).supplyMap(sup);
	auto st = alg_.run();
	double dt = now() - t0;
	if (st == Alg::OPTIMAL)
		std::printf("%-20s %-16s %8.3f s  cost %lld\n", name, alg, dt,
			(long long)alg_.totalCost());
	else
		std::printf("%-20s %-16s %8.3f s  status %d\n", name, alg, dt, (int)st);
	std::fflush(stdout);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		std::fprintf(stderr, "usage: %s DIR NAME...\n", argv[0]);
		return 2;
	}
	for (int a = 2; a < argc; a++) {
		Inst in;
		if (!load(std::string(argv[1]) + "/" + argv[a] + ".bin", in)) {
			std::printf("%-20s (not found)\n", argv[a]);
			continue;
		}
		run<CapacityScaling<G, int64_t, int64_t>>(argv[a], "CapacityScaling", in);
		run<CostScaling<G, int64_t, int64_t>>(argv[a], "CostScaling", in);
		run<NetworkSimplex<G, int64_t, int64_t>>(argv[a], "NetworkSimplex", in);
	}
	return 0;
}
