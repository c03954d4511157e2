/* assets.h - the web app's files, embedded into the binary at build time.
 *
 * web/build.mjs bundles web/src into web/dist (content-hashed names under
 * /assets/, plus index.html), each file also gzipped; scripts/embed_web.cmake
 * turns that into the generated web_assets[] table. The bytes are static and
 * read-only, so responses point at them without copying. */
#ifndef LD_HTTP_ASSETS_H
#define LD_HTTP_ASSETS_H

#include <stddef.h>

struct asset {
	const char *path;	/* URL path: "/index.html", "/assets/main-HASH.js" */
	const char *type;	/* Content-Type */
	const char *etag;	/* quoted strong ETag of the raw bytes */
	int immutable;		/* content-hashed name: cacheable for a year */
	const char *raw;
	size_t raw_len;
	const char *gz;		/* the same bytes gzipped */
	size_t gz_len;
};

/* Generated; web_assets_count is 0 when the app was not built. */
extern const struct asset web_assets[];
extern const int web_assets_count;

#endif
