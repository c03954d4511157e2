/* demo.h - `liandong demo`: a demo city loaded through the services (see
 * docs/DEMO.md), so it is validated and audited like real input. Not a use
 * case of the product: only the command line calls it. */
#ifndef LD_DEMO_H
#define LD_DEMO_H

#include "service/service.h"

/* Load the city with `volunteers_per_team` volunteers in each team and
 * print its summary; deterministic but for the time it is loaded at. */
enum err demo_load(struct ctx *x, int volunteers_per_team, struct errinfo *ei);

#endif
