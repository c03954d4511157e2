/* misc.c - health. (The pages are the web app: http/static.c.) */
#include <string.h>

#include "http/handlers/handlers.h"

void h_health(struct req *r, struct ctx *x, const void *arg)
{
	(void)arg;
	reply_json(r, 200, json_pack("{s:s,s:s,s:s}", "status", "ok", "version", x->app->version, "store",
				     svc_store_kind(x->app)));
}
