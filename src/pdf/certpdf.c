/* certpdf.c - the certificate PDF, set by pango and drawn by cairo
 * (certpdf.h). Text is laid out in points on an A4 page; the record list
 * runs over as many pages as it needs, its header repeated on each. */
#include "pdf/certpdf.h"

#include <stdio.h>

#include "pdf/pdf_int.h"
#include "qr/qr.h"

#define FOOT_H 170.0	/* the number, date, issuer and QR block */

const char *certpdf_font_missing(void)
{
	return pdf_font_missing(CERTPDF_FONT);
}

static const double col_w[] = {68, 160, 90, 100, 65};	/* they fill PDF_TEXT_W */
static const int col_right[] = {0, 0, 0, 0, 1};
static const char *const col_head[] = {"日期", "服务内容", "地点", "记录单位", "时长（小时）"};
static const struct pdf_cols cols = {5, col_w, col_right, col_head, 9.0};

static void records(struct pen *p, const struct certpdf_doc *d, struct arena *a)
{
	pdf_table_head(p, &cols);
	int shown = d->nlines < CERTPDF_MAX_LINES ? d->nlines : CERTPDF_MAX_LINES;
	for (int i = 0; i < shown; i++) {
		const struct certpdf_line *ln = &d->lines[i];
		const char *cells[] = {ln->date, pdf_clip(ln->content, CERTPDF_CELL_MAX, a),
				       pdf_clip(ln->place, CERTPDF_CELL_MAX / 2, a),
				       pdf_clip(ln->org, CERTPDF_CELL_MAX / 2, a), ln->hours};
		pdf_table_row(p, &cols, cells);
	}
	if (shown < d->nlines) {
		const char *rest[] = {"", arena_printf(a, "等 %d 条", d->nlines - shown), "", "", ""};
		pdf_table_row(p, &cols, rest);
	}
	p->y += 14;
}

static void qr(struct pen *p, const char *url, double x, double y, double size, struct arena *a)
{
	int w;
	unsigned char *m = qr_modules(url, &w, a);
	if (!m)
		return;
	double u = size / w;
	for (int r = 0; r < w; r++)
		for (int c = 0; c < w; c++)
			if (m[r * w + c])
				cairo_rectangle(p->cr, x + c * u, y + r * u, u, u);
	cairo_fill(p->cr);
}

static void footer(struct pen *p, const struct certpdf_doc *d, struct arena *a)
{
	if (p->y + FOOT_H > PDF_PAGE_H - PDF_MARGIN)
		pdf_new_page(p);
	double y0 = p->y, qs = 96, tw = PDF_TEXT_W - qs - 20;
	double y = y0;
	y += pdf_put(p, PDF_MARGIN, y, tw, 11, PDF_LEFT, arena_printf(a, "证明编号：%s", d->number)) + 6;
	y += pdf_put(p, PDF_MARGIN, y, tw, 11, PDF_LEFT, arena_printf(a, "出具单位：%s（盖章）", d->issuer)) + 6;
	y += pdf_put(p, PDF_MARGIN, y, tw, 11, PDF_LEFT, arena_printf(a, "出具日期：%s", d->issued_on)) + 14;
	y += pdf_put(p, PDF_MARGIN, y, tw, 9, PDF_LEFT,
		     arena_printf(a, "本证明免费出具。扫描右侧二维码或访问 %s 核验真伪；核验码：%s", d->verify_url, d->code));
	double qx = PDF_PAGE_W - PDF_MARGIN - qs;
	qr(p, d->verify_url, qx, y0, qs, a);
	pdf_put(p, qx - 10, y0 + qs + 4, qs + 20, 10, PDF_CENTER, d->code);
	p->y = (y > y0 + qs + 20 ? y : y0 + qs + 20) + 10;
}

static void body(struct pen *p, const void *doc, struct arena *a)
{
	const struct certpdf_doc *d = doc;
	p->y = PDF_MARGIN;
	p->y += pdf_put(p, PDF_MARGIN, p->y, PDF_TEXT_W, 22, PDF_CENTER, "志愿服务记录证明") + 6;
	if (d->school)
		p->y += pdf_put(p, PDF_MARGIN, p->y, PDF_TEXT_W, 12, PDF_CENTER, "（学生社会实践学分认定用）");
	p->y += 18;
	if (d->revoked_on) {
		pdf_color(p, 0.75, 0, 0);
		pdf_para(p, 12, arena_printf(a, "本证明已撤销：其所依据的志愿服务记录已于 %s 作废。", d->revoked_on));
		pdf_color(p, 0, 0, 0);
	}
	pdf_para(p, 12, arena_printf(a, "兹证明 %s（志愿者编号：%s）于 %s 至 %s 期间参加志愿服务，经记录单位核实，累计志愿服务时长 %s 小时。",
				     d->name, d->volunteer_no, d->from, d->to, d->hours));
	if (d->school)
		pdf_para(p, 12, arena_printf(a, "本证明供 %s 认定学生社会实践学分使用（《志愿服务条例》第二十九条）。", d->school));
	pdf_para(p, 12, arena_printf(a, "服务内容：%s", pdf_clip(d->summary, CERTPDF_TEXT_MAX, a)));
	pdf_para(p, 12, arena_printf(a, "记录单位：%s", pdf_clip(d->units, CERTPDF_TEXT_MAX, a)));
	p->y += 4;
	pdf_para(p, 11, arena_printf(a, "志愿服务记录（共 %d 条）：", d->nlines));
	records(p, d, a);
	footer(p, d, a);
}

int certpdf_render(const struct certpdf_doc *d, struct arena *a, char **pdf, size_t *len, char *err, size_t n)
{
	int qw;
	if (!certpdf_font_missing() && !qr_modules(d->verify_url, &qw, a)) {
		/* never a certificate without its QR code */
		snprintf(err, n, "the verification link is too long for a QR code");
		return -1;
	}
	return pdf_render("志愿服务记录证明", body, d, a, pdf, len, err, n);
}
