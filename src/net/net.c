/* net.c - see net.h. The only file that includes curl/curl.h. */
#include "net/net.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include <stdlib.h>

struct net {
	CURLM *multi;
	int max_parallel;
};

int net_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

struct net *net_new(int max_parallel)
{
	CURLM *m = curl_multi_init();
	if (!m)
		return NULL;
	struct net *n = xcalloc(1, sizeof *n);
	n->multi = m;
	n->max_parallel = max_parallel > 0 ? max_parallel : 32;
	curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)n->max_parallel);
	curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, (long)n->max_parallel);
	curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, (long)n->max_parallel);
	return n;
}

void net_free(struct net *n)
{
	if (!n)
		return;
	curl_multi_cleanup(n->multi);
	free(n);
}

/* The answer's body is not kept, but its first line is worth a last_error
 * when the gateway refuses. */
static size_t on_body(char *p, size_t size, size_t nmemb, void *arg)
{
	struct net_job *j = arg;
	size_t len = size * nmemb;
	if (j->pos == 0 && len) {
		size_t k = strcspn(p, "\r\n");
		if (k > len)
			k = len;
		if (k > 120)
			k = 120;
		char line[128];
		memcpy(line, p, k);
		line[k] = 0;
		/* only printable ASCII: it is shown to admins and logged */
		for (char *c = line; *c; c++)
			if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7e)
				*c = '?';
		snprintf(j->error, sizeof j->error, "%s", line);
		j->pos = 1;
	}
	return len;
}

/* The SMTP message, handed to curl as it asks. */
static size_t on_read(char *buf, size_t size, size_t nmemb, void *arg)
{
	struct net_job *j = arg;
	size_t room = size * nmemb, left = j->body_len - j->pos;
	size_t k = left < room ? left : room;
	memcpy(buf, j->body + j->pos, k);
	j->pos += k;
	return k;
}

/* The server's SMTP replies: keep the last refusal's line. Only
 * what the server says is seen here, never the client's commands (AUTH). */
static int on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *arg)
{
	(void)h;
	struct net_job *j = arg;
	/* a refusal (4xx, 5xx), not the 221 of the QUIT after it */
	if (type != CURLINFO_HEADER_IN || size < 4 || (data[0] != '4' && data[0] != '5'))
		return 0;
	size_t k = size;
	while (k && (data[k - 1] == '\n' || data[k - 1] == '\r'))
		k--;
	if (k >= sizeof j->error)
		k = sizeof j->error - 1;
	memcpy(j->error, data, k);
	j->error[k] = 0;
	for (char *c = j->error; *c; c++)
		if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7e)
			*c = '?';
	return 0;
}

struct lists {
	struct curl_slist *headers, *rcpt;
};

static CURL *make(struct net_job *j, long timeout_ms, struct lists *l, char *errbuf)
{
	CURL *h = curl_easy_init();
	if (!h)
		return NULL;
	curl_easy_setopt(h, CURLOPT_URL, j->url);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_PRIVATE, j);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, j->kind == NET_SMTP ? "smtp,smtps" : "http,https");
	j->pos = 0;
	j->error[0] = 0;
	if (j->kind == NET_HTTP_POST) {
		for (int i = 0; i < j->nheaders; i++)
			l->headers = curl_slist_append(l->headers, j->headers[i]);
		l->headers = curl_slist_append(l->headers, "Expect:");
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, l->headers);
		curl_easy_setopt(h, CURLOPT_POST, 1L);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, j->body);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)j->body_len);
		curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
		curl_easy_setopt(h, CURLOPT_WRITEDATA, j);
		curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	} else {
		char who[300];
		snprintf(who, sizeof who, "<%s>", j->mail_from);
		curl_easy_setopt(h, CURLOPT_MAIL_FROM, who);
		snprintf(who, sizeof who, "<%s>", j->rcpt);
		l->rcpt = curl_slist_append(l->rcpt, who);
		curl_easy_setopt(h, CURLOPT_MAIL_RCPT, l->rcpt);
		curl_easy_setopt(h, CURLOPT_USE_SSL, j->tls_optional ? (long)CURLUSESSL_TRY : (long)CURLUSESSL_ALL);
		if (j->ca_file)
			curl_easy_setopt(h, CURLOPT_CAINFO, j->ca_file);
		if (j->user)
			curl_easy_setopt(h, CURLOPT_USERNAME, j->user);
		if (j->password)
			curl_easy_setopt(h, CURLOPT_PASSWORD, j->password);
		curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
		curl_easy_setopt(h, CURLOPT_READDATA, j);
		curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)j->body_len);
		curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
		curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
		curl_easy_setopt(h, CURLOPT_DEBUGDATA, j);
	}
	return h;
}

void net_run(struct net *net, struct net_job *jobs, int n, long timeout_ms)
{
	if (n <= 0)
		return;
	CURL **hs = xcalloc((size_t)n, sizeof *hs);
	struct lists *ls = xcalloc((size_t)n, sizeof *ls);
	char (*errs)[CURL_ERROR_SIZE] = xcalloc((size_t)n, CURL_ERROR_SIZE);
	for (int i = 0; i < n; i++) {
		jobs[i].code = 0;
		jobs[i].no_answer = jobs[i].timed_out = 0;
		hs[i] = make(&jobs[i], timeout_ms, &ls[i], errs[i]);
		if (!hs[i]) {
			jobs[i].no_answer = 1;
			snprintf(jobs[i].error, sizeof jobs[i].error, "cannot make a transfer (out of memory)");
			continue;
		}
		curl_multi_add_handle(net->multi, hs[i]);
	}
	int running = 1;
	while (running) {
		if (curl_multi_perform(net->multi, &running) != CURLM_OK)
			break;
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(net->multi, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			struct net_job *j = NULL;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&j);
			CURLcode rc = msg->data.result;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &j->code);
			int k = (int)(j - jobs);
			if (rc == CURLE_OPERATION_TIMEDOUT) {
				j->timed_out = j->no_answer = 1;
				snprintf(j->error, sizeof j->error, "timed out after %ld ms", timeout_ms);
			} else if (rc != CURLE_OK && (j->kind == NET_HTTP_POST || j->code < 400)) {
				/* no answer of the peer's to report: curl's reason */
				j->no_answer = j->kind == NET_HTTP_POST || j->code == 0;
				snprintf(j->error, sizeof j->error, "%s", errs[k][0] ? errs[k] : curl_easy_strerror(rc));
			} else if (rc != CURLE_OK && !j->error[0]) {
				snprintf(j->error, sizeof j->error, "%s", errs[k][0] ? errs[k] : curl_easy_strerror(rc));
			} else if (rc == CURLE_OK && j->kind == NET_SMTP) {
				j->error[0] = 0;
			}
		}
		if (running && curl_multi_poll(net->multi, NULL, 0, 200, NULL) != CURLM_OK)
			break;
	}
	for (int i = 0; i < n; i++) {
		if (!hs[i])
			continue;
		curl_multi_remove_handle(net->multi, hs[i]);
		curl_easy_cleanup(hs[i]);
		curl_slist_free_all(ls[i].headers);
		curl_slist_free_all(ls[i].rcpt);
	}
	free(hs);
	free(ls);
	free(errs);
}
