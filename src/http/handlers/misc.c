/* misc.c - health and the landing page. */
#include <string.h>

#include "http/handlers/handlers.h"

void h_health(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	reply_json(r, 200, json_pack("{s:s,s:s,s:s}", "status", "ok", "version", x->app->version, "store",
				     store_kind(x->app->store)));
}

/* Until the web app (web/) is built, the root page says where things are. */
static const char index_html[] =
	"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	"<title>联动 Liandong</title></head><body>"
	"<h1>联动 · 社工与志愿者联动服务平台</h1>"
	"<p>服务已运行。接口地址：<a href=\"/api/v1/health\">/api/v1/health</a></p>"
	"<p lang=\"en\">Liandong is running. JSON API under <code>/api/v1</code>; see docs/API.md.</p>"
	"</body></html>";

void h_index(struct req *r, struct ctx *x, const void *arg)
{
	(void)x;
	(void)arg;
	r->status = 200;
	r->resp = index_html;
	r->resp_len = sizeof index_html - 1;
	r->content_type = "text/html; charset=utf-8";
}
