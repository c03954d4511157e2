/* certpdf.c - the certificate PDF, set by pango and drawn by cairo
 * (certpdf.h). Text is laid out in points on an A4 page; the record list
 * runs over as many pages as it needs, its header repeated on each. */
#include "pdf/certpdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qr/qr.h"

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 56.0
#define TEXT_W (PAGE_W - 2 * MARGIN)	/* 483.28: the columns below fill it */
#define FOOT_H 170.0	/* the number, date, issuer and QR block */

const char *certpdf_font_missing(void)
{
	FcPattern *p = FcNameParse((const FcChar8 *)CERTPDF_FONT);
	if (!p)
		return "cannot ask fontconfig for the certificate font";
	FcConfigSubstitute(NULL, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	FcResult r;
	FcPattern *m = FcFontMatch(NULL, p, &r);
	int ok = 0;
	FcChar8 *fam;
	for (int i = 0; m && FcPatternGetString(m, FC_FAMILY, i, &fam) == FcResultMatch; i++)
		ok |= strcmp((const char *)fam, CERTPDF_FONT) == 0;
	if (m)
		FcPatternDestroy(m);
	FcPatternDestroy(p);
	return ok ? NULL
		  : "the certificate font " CERTPDF_FONT " is not installed (Debian: apt-get install fonts-wqy-microhei)";
}

struct out {
	char *p;
	size_t len, cap;
};

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int n)
{
	struct out *o = closure;
	if (o->len + n > o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 65536;
		while (cap < o->len + n)
			cap *= 2;
		o->p = xrealloc(o->p, cap);
		o->cap = cap;
	}
	memcpy(o->p + o->len, data, n);
	o->len += n;
	return CAIRO_STATUS_SUCCESS;
}

struct pen {
	cairo_t *cr;
	PangoLayout *l;
	PangoFontDescription *fd;
	double y;
	int measuring;	/* lay text out without drawing it */
};

/* Set `s` at (x, y) in a box `w` wide; returns its height. */
static double put(struct pen *p, double x, double y, double w, double size, PangoAlignment al, const char *s)
{
	pango_font_description_set_absolute_size(p->fd, size * PANGO_SCALE);
	pango_layout_set_font_description(p->l, p->fd);
	pango_layout_set_width(p->l, (int)(w * PANGO_SCALE));
	pango_layout_set_alignment(p->l, al);
	pango_layout_set_text(p->l, s ? s : "", -1);
	if (!p->measuring) {
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, p->l);
	}
	int pw, ph;
	pango_layout_get_size(p->l, &pw, &ph);
	return (double)ph / PANGO_SCALE;
}

/* A paragraph across the text width, then a gap. */
static void para(struct pen *p, double size, const char *s)
{
	p->y += put(p, MARGIN, p->y, TEXT_W, size, PANGO_ALIGN_LEFT, s) + size * 0.6;
}

static const double col_w[] = {68, 160, 90, 100, 65};
static const char *const col_head[] = {"日期", "服务内容", "地点", "记录单位", "时长（小时）"};
#define NCOL 5
#define CELL_PAD 3.0
#define CELL_SIZE 9.0

/* One table row of cells; with measure_only, nothing is drawn. */
static double row(struct pen *p, const char *const cells[NCOL], int measure_only)
{
	double h = 0, x = MARGIN;
	p->measuring = measure_only;
	for (int i = 0; i < NCOL; i++) {
		double ch = put(p, x + CELL_PAD, p->y + CELL_PAD, col_w[i] - 2 * CELL_PAD, CELL_SIZE,
				i == NCOL - 1 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, cells[i]);
		if (ch > h)
			h = ch;
		x += col_w[i];
	}
	p->measuring = 0;
	return h + 2 * CELL_PAD;
}

static void row_rule(struct pen *p, double h)
{
	double x = MARGIN;
	cairo_set_line_width(p->cr, 0.5);
	for (int i = 0; i < NCOL; i++) {
		cairo_rectangle(p->cr, x, p->y, col_w[i], h);
		x += col_w[i];
	}
	cairo_stroke(p->cr);
}

static void table_row(struct pen *p, const char *const cells[NCOL], int header)
{
	double h = row(p, cells, 1);
	if (header) {
		cairo_set_source_rgb(p->cr, 0.92, 0.92, 0.92);
		cairo_rectangle(p->cr, MARGIN, p->y, TEXT_W, h);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
	}
	row(p, cells, 0);
	row_rule(p, h);
	p->y += h;
}

static void new_page(struct pen *p)
{
	cairo_show_page(p->cr);
	p->y = MARGIN;
}

/* s cut to at most `max` characters (UTF-8), with "…" when cut. */
static const char *clip(const char *s, int max, struct arena *a)
{
	const char *q = s ? s : "";
	for (int k = 0; *q && k < max; k++)
		do
			q++;
		while ((*q & 0xC0) == 0x80);
	return *q ? arena_printf(a, "%.*s…", (int)(q - s), s) : s;
}

/* A row of the records' table, on a new page (header repeated) when it
 * does not fit. */
static void record_row(struct pen *p, const char *const cells[NCOL])
{
	if (p->y + row(p, cells, 1) > PAGE_H - MARGIN) {
		new_page(p);
		table_row(p, col_head, 1);
	}
	table_row(p, cells, 0);
}

static void records(struct pen *p, const struct certpdf_doc *d, struct arena *a)
{
	table_row(p, col_head, 1);
	int shown = d->nlines < CERTPDF_MAX_LINES ? d->nlines : CERTPDF_MAX_LINES;
	for (int i = 0; i < shown; i++) {
		const struct certpdf_line *ln = &d->lines[i];
		const char *cells[NCOL] = {ln->date, clip(ln->content, CERTPDF_CELL_MAX, a),
					   clip(ln->place, CERTPDF_CELL_MAX / 2, a), clip(ln->org, CERTPDF_CELL_MAX / 2, a),
					   ln->hours};
		record_row(p, cells);
	}
	if (shown < d->nlines) {
		const char *rest[NCOL] = {"", arena_printf(a, "等 %d 条", d->nlines - shown), "", "", ""};
		record_row(p, rest);
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
	if (p->y + FOOT_H > PAGE_H - MARGIN)
		new_page(p);
	double y0 = p->y, qs = 96, tw = TEXT_W - qs - 20;
	double y = y0;
	y += put(p, MARGIN, y, tw, 11, PANGO_ALIGN_LEFT, arena_printf(a, "证明编号：%s", d->number)) + 6;
	y += put(p, MARGIN, y, tw, 11, PANGO_ALIGN_LEFT, arena_printf(a, "出具单位：%s（盖章）", d->issuer)) + 6;
	y += put(p, MARGIN, y, tw, 11, PANGO_ALIGN_LEFT, arena_printf(a, "出具日期：%s", d->issued_on)) + 14;
	y += put(p, MARGIN, y, tw, 9, PANGO_ALIGN_LEFT,
		 arena_printf(a, "本证明免费出具。扫描右侧二维码或访问 %s 核验真伪；核验码：%s", d->verify_url, d->code));
	double qx = PAGE_W - MARGIN - qs;
	qr(p, d->verify_url, qx, y0, qs, a);
	put(p, qx - 10, y0 + qs + 4, qs + 20, 10, PANGO_ALIGN_CENTER, d->code);
	p->y = (y > y0 + qs + 20 ? y : y0 + qs + 20) + 10;
}

static void body(struct pen *p, const struct certpdf_doc *d, struct arena *a)
{
	p->y = MARGIN;
	p->y += put(p, MARGIN, p->y, TEXT_W, 22, PANGO_ALIGN_CENTER, "志愿服务记录证明") + 6;
	if (d->school)
		p->y += put(p, MARGIN, p->y, TEXT_W, 12, PANGO_ALIGN_CENTER, "（学生社会实践学分认定用）");
	p->y += 18;
	if (d->revoked_on) {
		cairo_set_source_rgb(p->cr, 0.75, 0, 0);
		para(p, 12, arena_printf(a, "本证明已撤销：其所依据的志愿服务记录已于 %s 作废。", d->revoked_on));
		cairo_set_source_rgb(p->cr, 0, 0, 0);
	}
	para(p, 12, arena_printf(a, "兹证明 %s（志愿者编号：%s）于 %s 至 %s 期间参加志愿服务，经记录单位核实，累计志愿服务时长 %s 小时。",
				 d->name, d->volunteer_no, d->from, d->to, d->hours));
	if (d->school)
		para(p, 12, arena_printf(a, "本证明供 %s 认定学生社会实践学分使用（《志愿服务条例》第二十九条）。", d->school));
	para(p, 12, arena_printf(a, "服务内容：%s", clip(d->summary, CERTPDF_TEXT_MAX, a)));
	para(p, 12, arena_printf(a, "记录单位：%s", clip(d->units, CERTPDF_TEXT_MAX, a)));
	p->y += 4;
	para(p, 11, arena_printf(a, "志愿服务记录（共 %d 条）：", d->nlines));
	records(p, d, a);
	footer(p, d, a);
}

int certpdf_render(const struct certpdf_doc *d, struct arena *a, char **pdf, size_t *len, char *err, size_t n)
{
	const char *missing = certpdf_font_missing();
	if (missing) {
		snprintf(err, n, "%s", missing);
		return -1;
	}
	int qw;
	if (!qr_modules(d->verify_url, &qw, a)) {
		/* never a certificate without its QR code */
		snprintf(err, n, "the verification link is too long for a QR code");
		return -1;
	}
	struct out o = {0};
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_out, &o, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "志愿服务记录证明");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Liandong");
	cairo_t *cr = cairo_create(s);
	struct pen p = {.cr = cr, .l = pango_cairo_create_layout(cr),
			.fd = pango_font_description_from_string(CERTPDF_FONT)};
	pango_layout_set_wrap(p.l, PANGO_WRAP_WORD_CHAR);
	cairo_set_source_rgb(cr, 0, 0, 0);
	body(&p, d, a);
	g_object_unref(p.l);
	pango_font_description_free(p.fd);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		free(o.p);
		snprintf(err, n, "cannot write the certificate PDF: %s", cairo_status_to_string(st));
		return -1;
	}
	*pdf = arena_alloc(a, o.len ? o.len : 1);
	memcpy(*pdf, o.p, o.len);
	*len = o.len;
	free(o.p);
	return 0;
}
