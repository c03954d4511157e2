/* context.c - a request's service context: the connection it holds from the
 * store's pool, from the router's (or a command's) first call to its last.
 * The HTTP side opens and closes contexts through these and never touches
 * the store itself. */
#include <time.h>

#include "service/service.h"
#include "store/store.h"

void svc_ctx_begin(struct ctx *x, struct app *app, struct arena *a)
{
	*x = (struct ctx){.app = app, .a = a, .now = (int64_t)time(NULL)};
	x->c = store_acquire(app->store);
}

void svc_read_snapshot(struct ctx *x)
{
	store_read_begin(x->c);
}

void svc_ctx_end(struct ctx *x)
{
	store_release(x->c);
	x->c = NULL;
}

const char *svc_store_kind(const struct app *app)
{
	return store_kind(app->store);
}
