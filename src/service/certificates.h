/* certificates.h - 志愿服务记录证明: certificates of a volunteer's verified
 * hours over a period (民政部令第67号 Art. 14-17; service/certificates.c).
 *
 * A certificate is issued, free and at once, by the volunteer themself, by
 * staff of the volunteer's org or by a platform admin, in the name of the
 * volunteer's org over every org's records; or by staff of an org that
 * recorded hours in the period, in their org's name over their org's
 * records only. It keeps the hours at issue and the records it counted; a
 * later void of any of them makes it `revoked` (with the date of the
 * earliest void), never a certificate of other hours. Anyone may check a
 * certificate by its code; the PDF is for the volunteer, staff of the
 * issuing org and platform admins (to anyone else the code is unknown). */
#ifndef LD_SERVICE_CERTIFICATES_H
#define LD_SERVICE_CERTIFICATES_H

#include <stddef.h>

#include "service/service.h"

/* The most records one certificate counts (docs/API.md). */
#define CERT_MAX_RECORDS 2000

/* Certificates: read by id and listed (filters volunteer_id, org_id); no
 * generic create or update: they are made by svc_cert_issue. */
extern const struct resource res_certificates;

/* Issue a certificate for volunteer_id from `in` (a certificate record with
 * from, to and maybe school, as decoded); `out` is the new certificate. */
enum err svc_cert_issue(struct ctx *x, int64_t volunteer_id, struct rec *in, struct rec *out, struct errinfo *ei);

/* What the public lookup answers. */
struct cert_public {
	const char *code, *number, *name, *volunteer_no, *from, *to, *status;
	double hours;
	const char **orgs;	/* the recording units' names */
	int norgs;
	int64_t revoked_at;	/* 0 while valid */
};
/* Look a certificate up by its code as typed, without a caller: a code that
 * is not well-formed and one that names no certificate are the same 404. */
enum err svc_cert_public(struct ctx *x, const char *code, struct cert_public *out, struct errinfo *ei);

/* The certificate's PDF, in the arena; link_base ("http://host") makes the
 * QR code's verification link. */
enum err svc_cert_pdf(struct ctx *x, const char *code, const char *link_base, char **pdf, size_t *len,
		      struct errinfo *ei);

#endif
