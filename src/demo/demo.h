/* demo.h - `liandong demo`: a demo city loaded through the services (see
 * docs/DEMO.md), so it is validated and audited like real input. Not a use
 * case of the product: only the command line calls it. */
#ifndef LD_DEMO_H
#define LD_DEMO_H

#include "service/service.h"

/* Load the city with `volunteers_per_team` volunteers in each team and
 * print its summary; deterministic but for the time it is loaded at. */
enum err demo_load(struct ctx *x, int volunteers_per_team, struct errinfo *ei);

/* `--scale`: "city" (divisor 1) or "city/N", N from 1 to
 * DEMO_SCALE_MAX_DIVISOR; 0, or -1 when it is neither. */
#define DEMO_SCALE_MAX_DIVISOR 500
#define DEMO_SCALE_MAX_TEXT "500"
int demo_scale_parse(const char *s, int *divisor);

/* On top of demo_load's city, in the caller's transaction: the city at the
 * size seed 001 (Jingzhou) reports, its volunteers and hours divided by
 * `divisor` (demo/demo_city.c, docs/DEMO.md); prints its totals. */
enum err demo_city(struct ctx *x, int divisor, struct errinfo *ei);

#endif
