/* fields_cert.h - the fields of a 志愿服务记录证明 (model/entities_cert.c):
 * a certificate of a volunteer's verified hours over a period (民政部令
 * 第67号 Art. 14-17). The body of POST /volunteers/{id}/certificates gives
 * only from, to and school; the rest is set by the server. hours is the
 * total at issue (kept as minutes); status, revoked_at and pdf_url are
 * computed at read time from the records the certificate counted.
 * holder_name, volunteer_no and issuer_name are what it states, frozen at
 * issue (never in JSON: the public check and the PDF read them). */
#ifndef LD_MODEL_FIELDS_CERT_H
#define LD_MODEL_FIELDS_CERT_H

#define CERTIFICATE_FIELDS(F) \
	F(CERTIFICATE_VOLUNTEER_ID, volunteer_id, FT_INT, FF_SERVER, .ref = REF(E_VOLUNTEER)) \
	F(CERTIFICATE_ORG_ID, org_id, FT_INT, FF_SERVER, .ref = REF(E_ORG)) \
	F(CERTIFICATE_CODE, code, FT_TEXT, FF_SERVER) \
	F(CERTIFICATE_NUMBER, number, FT_TEXT, FF_SERVER) \
	F(CERTIFICATE_FROM, from, FT_DATE, FF_REQUIRED | FF_FIXED, .col = "from_date") \
	F(CERTIFICATE_TO, to, FT_DATE, FF_REQUIRED | FF_FIXED, .col = "to_date") \
	F(CERTIFICATE_SCHOOL, school, FT_TEXT, FF_FIXED, .min = 1, .max = 100) \
	F(CERTIFICATE_MINUTES, minutes, FT_INT, FF_HIDDEN) \
	F(CERTIFICATE_HOURS, hours, FT_REAL, FF_SERVER | FF_VIRTUAL) \
	F(CERTIFICATE_STATUS, status, FT_ENUM, FF_SERVER | FF_VIRTUAL, .enums = certificate_states) \
	F(CERTIFICATE_REVOKED_AT, revoked_at, FT_TIME, FF_SERVER | FF_VIRTUAL) \
	F(CERTIFICATE_PDF_URL, pdf_url, FT_TEXT, FF_SERVER | FF_VIRTUAL) \
	F(CERTIFICATE_ISSUED_BY_USER_ID, issued_by_user_id, FT_INT, FF_SERVER) \
	F(CERTIFICATE_ISSUED_AT, issued_at, FT_TIME, FF_SERVER | FF_CREATED) \
	F(CERTIFICATE_HOLDER_NAME, holder_name, FT_TEXT, FF_HIDDEN) \
	F(CERTIFICATE_VOLUNTEER_NO, volunteer_no, FT_TEXT, FF_HIDDEN) \
	F(CERTIFICATE_ISSUER_NAME, issuer_name, FT_TEXT, FF_HIDDEN)
FIELD_KEYS(CERTIFICATE, E_CERTIFICATE)

#endif
