/* bare_mhd.c - the reference the HTTP benchmarks measure liandong against:
 * a libmicrohttpd server that does nothing but answer every request with the
 * same bytes, started with the options liandong's own server uses
 * (src/http/server.c: one epoll thread per pool thread, the same thread
 * count, connection memory limit and timeout). Whatever liandong serves
 * below this server's rate in the same run is the cost of liandong's own
 * work (sessions, the store, JSON, logging), not of HTTP on this machine.
 *
 *     bench_bare PORT THREADS [BODY-FILE]
 *
 * BODY-FILE (default: {"ok":true}) is answered as application/json, so the
 * reference sends the same bytes as the endpoint it stands beside. The
 * answer is made once and answered only after the request has been read in
 * full (the second call of the handler), as liandong does, which keeps
 * connections alive. Listens on 127.0.0.1 only; runs until SIGTERM/SIGINT. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>

#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/arena.h"

static struct MHD_Response *answer;

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	static int seen;
	(void)cls, (void)url, (void)method, (void)version, (void)upload;
	if (!*con_cls) { /* first call: headers only */
		*con_cls = &seen;
		return MHD_YES;
	}
	if (*upload_size) { /* a body: read it, answer at the end */
		*upload_size = 0;
		return MHD_YES;
	}
	return MHD_queue_response(c, MHD_HTTP_OK, answer);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode t)
{
	(void)cls, (void)c, (void)t;
	*con_cls = NULL;
}

static char *read_body(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	if (!f)
		return NULL;
	char *buf = NULL;
	if (fstat(fileno(f), &sb) == 0 && sb.st_size > 0 && sb.st_size < (1 << 24)) {
		buf = xmalloc((size_t)sb.st_size);
		*len = fread(buf, 1, (size_t)sb.st_size, f);
	}
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: bench_bare PORT THREADS [BODY-FILE]\n");
		return 2;
	}
	char *end;
	long port = strtol(argv[1], &end, 10);
	long threads = *end ? -1 : strtol(argv[2], &end, 10);
	if (port < 1 || port > 65535 || threads < 1 || threads > 256 || *end) {
		fprintf(stderr, "bench_bare: PORT must be 1-65535 and THREADS 1-256\n");
		return 2;
	}
	size_t len = 11;
	char *body = NULL;
	if (argc == 4 && !(body = read_body(argv[3], &len))) {
		perror(argv[3]);
		return 1;
	}
	answer = body ? MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE)
		      : MHD_create_response_from_buffer(len, "{\"ok\":true}", MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(answer, "Content-Type", "application/json");

	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL); /* MHD's threads inherit the mask */

	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
		MHD_OPTION_CONNECTION_TIMEOUT, 30u,
		MHD_OPTION_CONNECTION_LIMIT, 1000u,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "bench_bare: cannot listen on 127.0.0.1:%ld\n", port);
		return 1;
	}
	printf("bench_bare: 127.0.0.1:%ld, %ld threads, %zu-byte answer\n", port, threads, len);
	fflush(stdout);
	int sig;
	sigwait(&sigs, &sig);
	MHD_stop_daemon(d);
	MHD_destroy_response(answer);
	return 0;
}
