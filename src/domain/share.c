/* share.c - the kinds of co-building link and what each shares; see
 * share.h. */
#include "domain/share.h"

#include <string.h>

const char *const share_kind_names[] = {
#define X(id, name, zh, bits) name,
	SHARE_KINDS(X)
#undef X
	NULL};

static const char *const zh_names[] = {
#define X(id, name, zh, bits) zh,
	SHARE_KINDS(X)
#undef X
};

static const unsigned kind_bits[] = {
#define X(id, name, zh, bits) bits,
	SHARE_KINDS(X)
#undef X
};

int share_kind_parse(const char *name)
{
	for (int k = 0; name && k < SK__COUNT; k++)
		if (strcmp(share_kind_names[k], name) == 0)
			return k;
	return -1;
}

const char *share_kind_name(enum share_kind k)
{
	return (unsigned)k < SK__COUNT ? share_kind_names[k] : NULL;
}

const char *share_kind_zh(enum share_kind k)
{
	return (unsigned)k < SK__COUNT ? zh_names[k] : NULL;
}

unsigned share_kind_bits(const char *name)
{
	int k = share_kind_parse(name);
	return k < 0 ? 0 : kind_bits[k];
}
