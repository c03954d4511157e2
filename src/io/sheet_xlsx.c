/* sheet_xlsx.c - the first worksheet of an XLSX workbook, read from the
 * caller's bytes: the zip with minizip (its I/O callbacks pointed at memory),
 * the XML parts with expat. The only file that includes their headers.
 *
 * The parts are found as Excel finds them: _rels/.rels names the workbook,
 * the workbook's first <sheet> whose relationship is a worksheet is the
 * sheet, and the workbook's relationships name the shared strings and the
 * styles. Shared strings (rich-text runs joined, phonetic runs left out) and
 * the styles' date formats are read whole at open; the sheet is streamed
 * through expat, which is suspended at the end of each row, so a row is
 * handed out as soon as it is parsed.
 *
 * Cells: shared and inline strings and t="str" are text; numbers keep the
 * text they were stored as ("4.21002198001011E+17"); numbers in a date
 * format are dates "YYYY-MM-DD" (1900 system with Excel's 1900-02-29, or
 * 1904); t="b" booleans, t="e" errors; a cell with a formula is a formula
 * whose text is its cached value (never evaluated).
 *
 * Hostile files: every part's declared size is checked against what is left
 * of SHEET_MAX_BYTES before it is inflated and the bytes are counted while
 * inflating; a part that inflates to another size or CRC than its header
 * says is damaged; DTDs are refused (no entity expansion); shared strings,
 * styles and zip entries are capped in number. */
#include "io/sheet_int.h"

#include "domain/timefmt.h"

#include <expat.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unzip.h>

#define XLSX_MAX_ENTRIES 10000
#define XLSX_MAX_STRINGS (1 << 21)
#define XLSX_MAX_XFS 65536
#define XLSX_MAX_ROW 1048576
#define XLSX_NAME 256
#define XLSX_CHUNK 65536

/* ---- the zip, read from memory ---- */

struct membuf {
	const char *data;
	size_t len, pos;
};

static voidpf ZCALLBACK mem_open(voidpf opaque, const void *name, int mode)
{
	(void)name;
	struct membuf *m = opaque;
	if ((mode & ZLIB_FILEFUNC_MODE_READWRITEFILTER) != ZLIB_FILEFUNC_MODE_READ)
		return NULL;
	m->pos = 0;
	return m;
}

static uLong ZCALLBACK mem_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	(void)opaque;
	struct membuf *m = stream;
	size_t n = m->len - m->pos < size ? m->len - m->pos : size;
	memcpy(buf, m->data + m->pos, n);
	m->pos += n;
	return (uLong)n;
}

static uLong ZCALLBACK mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	(void)opaque;
	(void)stream;
	(void)buf;
	(void)size;
	return 0;
}

static ZPOS64_T ZCALLBACK mem_tell(voidpf opaque, voidpf stream)
{
	(void)opaque;
	return ((struct membuf *)stream)->pos;
}

static long ZCALLBACK mem_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin)
{
	(void)opaque;
	struct membuf *m = stream;
	ZPOS64_T base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? m->pos : m->len;
	if (origin != ZLIB_FILEFUNC_SEEK_SET && origin != ZLIB_FILEFUNC_SEEK_CUR && origin != ZLIB_FILEFUNC_SEEK_END)
		return -1;
	if (offset > m->len || base + offset > m->len)
		return -1;
	m->pos = (size_t)(base + offset);
	return 0;
}

static int ZCALLBACK mem_close(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

static int ZCALLBACK mem_error(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

/* ---- the reader's state ---- */

/* one relationship of a part */
struct rel {
	char id[64], type[256], target[XLSX_NAME];
	int external;
};

struct xlsx {
	struct sheet *s;
	struct membuf mem;
	unzFile zip;
	size_t budget;		/* uncompressed bytes still allowed */
	char errmsg[200];	/* set by a handler that stops the parser */

	/* what open learned */
	const char **strings;	/* shared strings (arena); NULL: none */
	size_t nstrings, capstrings;
	unsigned char *xf_date;	/* per cellXfs index: 1 a date format */
	size_t nxf;
	int date1904;

	/* collecting text: the current element's bytes */
	char *buf;
	size_t blen;
	int collecting, overflow, preserve;
	/* joined text of a string item or inline string (runs) */
	char *join;
	size_t jlen;
	int join_overflow;
	int in_rph;

	/* workbook.xml, rels, styles: small scratch */
	struct rel *rels;
	size_t nrels;
	char (*sheet_ids)[64];
	size_t nsheet_ids;
	int in_numfmts, in_cellxfs;
	struct {
		int id;
		unsigned char date;
	} *fmts;
	size_t nfmts;

	/* the worksheet, streamed */
	XML_Parser sp;
	int sheet_open, sheet_final;
	ZPOS64_T sheet_left;	/* declared bytes not yet read */
	char part[XLSX_NAME];	/* the part being read, for messages */
	int in_data, in_row, in_c, in_is, in_v;
	int row, prev_row, ready;
	int col, prev_col, ncells, nonempty;
	int has_v, has_f;
	char ctype[16];
	long cstyle;
	struct cell *cells;
};

static void x_fail(struct xlsx *x, XML_Parser p, const char *msg)
{
	if (!x->errmsg[0])
		snprintf(x->errmsg, sizeof x->errmsg, "%s", msg);
	XML_StopParser(p, XML_FALSE);
}

/* A failure in the sheet, at the row being read. */
static void row_fail(struct xlsx *x, const char *what)
{
	char msg[160];
	snprintf(msg, sizeof msg, "row %d: %s", x->row, what);
	x_fail(x, x->sp, msg);
}

/* the local part of an expat namespaced name "uri|local" */
static const char *local(const char *name)
{
	const char *bar = strrchr(name, '|');
	return bar ? bar + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (strcmp(atts[i], name) == 0)
			return atts[i + 1];
	return NULL;
}

/* an attribute by its local name and a namespace ending in ns_suffix */
static const char *attr_ns(const char **atts, const char *ns_suffix, const char *name)
{
	size_t sl = strlen(ns_suffix);
	for (int i = 0; atts[i]; i += 2) {
		const char *bar = strrchr(atts[i], '|');
		if (!bar || strcmp(bar + 1, name) != 0)
			continue;
		size_t ul = (size_t)(bar - atts[i]);
		if (ul >= sl && memcmp(bar - sl, ns_suffix, sl) == 0)
			return atts[i + 1];
	}
	return NULL;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

/* a non-negative decimal integer no larger than max, or -1 */
static long parse_uint(const char *s, long max)
{
	if (!s || !*s)
		return -1;
	long v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > max)
			return -1;
	}
	return v;
}

static void text_start(struct xlsx *x, const char **atts)
{
	const char *sp = attr_ns(atts, "XML/1998/namespace", "space");
	x->collecting = 1;
	x->blen = 0;
	x->overflow = 0;
	x->preserve = sp && strcmp(sp, "preserve") == 0;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct xlsx *x = ud;
	if (!x->collecting || len <= 0)
		return;
	if (x->blen + (size_t)len > SHEET_MAX_CELL) {
		x->overflow = 1;
		return;
	}
	memcpy(x->buf + x->blen, s, (size_t)len);
	x->blen += (size_t)len;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Append the collected text of one <t> to the joined text: without
 * xml:space="preserve" the ends' white space goes; OOXML's escapes
 * "_xHHHH_" (Excel writes "_x000D_" for a carriage return) are decoded. */
static void text_join(struct xlsx *x)
{
	const char *p = x->buf, *end = x->buf + x->blen;
	x->collecting = 0;
	if (x->overflow) {
		x->join_overflow = 1;
		return;
	}
	if (!x->preserve) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
			p++;
		while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
			end--;
	}
	while (p < end) {
		if (x->jlen + 4 > SHEET_MAX_CELL) {
			x->join_overflow = 1;
			return;
		}
		if (end - p >= 7 && p[0] == '_' && p[1] == 'x' && p[6] == '_' && hexval(p[2]) >= 0 &&
		    hexval(p[3]) >= 0 && hexval(p[4]) >= 0 && hexval(p[5]) >= 0) {
			unsigned u = (unsigned)(hexval(p[2]) << 12 | hexval(p[3]) << 8 | hexval(p[4]) << 4 | hexval(p[5]));
			p += 7;
			if (u == 0 || (u >= 0xd800 && u <= 0xdfff))
				continue; /* not a character a cell can hold */
			if (u < 0x80) {
				x->join[x->jlen++] = (char)u;
			} else if (u < 0x800) {
				x->join[x->jlen++] = (char)(0xc0 | u >> 6);
				x->join[x->jlen++] = (char)(0x80 | (u & 0x3f));
			} else {
				x->join[x->jlen++] = (char)(0xe0 | u >> 12);
				x->join[x->jlen++] = (char)(0x80 | (u >> 6 & 0x3f));
				x->join[x->jlen++] = (char)(0x80 | (u & 0x3f));
			}
			continue;
		}
		x->join[x->jlen++] = *p++;
	}
}

/* ---- reading one part whole through a parser ---- */

static enum err part_missing(struct errinfo *ei, const char *name)
{
	return err_setf(ei, ERR_INVALID, "file", "the file is a zip but not an XLSX workbook (it has no %s)", name);
}

/* Make the zip's current entry name the open one, its declared size checked
 * against the budget. 1 opened, 0 no such entry, -1 error (ei set). */
static int entry_open(struct xlsx *x, const char *name, ZPOS64_T *size, struct errinfo *ei)
{
	if (unzLocateFile(x->zip, name, 2) != UNZ_OK) /* OPC part names ignore case */
		return 0;
	unz_file_info64 fi;
	if (unzGetCurrentFileInfo64(x->zip, &fi, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK) {
		err_setf(ei, ERR_INVALID, "file", "the workbook is damaged (%s cannot be read)", name);
		return -1;
	}
	if (fi.flag & 1) {
		err_set(ei, ERR_INVALID, "file", "the workbook is encrypted: save it without a password");
		return -1;
	}
	if (fi.uncompressed_size > x->budget) {
		err_setf(ei, ERR_INVALID, "file",
			 "the workbook inflates to more than %u MiB (%s alone declares %llu bytes): refused as a"
			 " zip bomb",
			 SHEET_MAX_BYTES >> 20, name, (unsigned long long)fi.uncompressed_size);
		return -1;
	}
	if (unzOpenCurrentFile(x->zip) != UNZ_OK) {
		err_setf(ei, ERR_INVALID, "file", "the workbook is damaged (%s cannot be opened)", name);
		return -1;
	}
	*size = fi.uncompressed_size;
	snprintf(x->part, sizeof x->part, "%s", name);
	return 1;
}

/* Read up to cap bytes of the open entry into buf, counting them against
 * the budget and what the entry declared. >= 0 bytes read, -1 error. */
static long entry_read(struct xlsx *x, char *buf, size_t cap, ZPOS64_T *left, struct errinfo *ei)
{
	int n = unzReadCurrentFile(x->zip, buf, (unsigned)cap);
	if (n < 0) {
		err_setf(ei, ERR_INVALID, "file", "the workbook is damaged or truncated (%s does not inflate)", x->part);
		return -1;
	}
	if ((size_t)n > x->budget || (ZPOS64_T)n > *left) {
		err_setf(ei, ERR_INVALID, "file", "the workbook inflates to more than %u MiB: refused as a zip bomb",
			 SHEET_MAX_BYTES >> 20);
		return -1;
	}
	x->budget -= (size_t)n;
	*left -= (ZPOS64_T)n;
	if (n == 0 && *left) {
		err_setf(ei, ERR_INVALID, "file", "the workbook is damaged or truncated (%s ends early)", x->part);
		return -1;
	}
	return n;
}

/* Close the open entry; its CRC is checked. */
static enum err entry_close(struct xlsx *x, struct errinfo *ei)
{
	int r = unzCloseCurrentFile(x->zip);
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	if (r == UNZ_CRCERROR)
		r = UNZ_OK; /* the fuzzer's mutations reach past the checksums */
#endif
	if (r != UNZ_OK)
		return err_setf(ei, ERR_INVALID, "file", "the workbook is damaged (%s fails its checksum)", x->part);
	return ERR_OK;
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
			       int has_internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	struct xlsx *x = ud;
	x_fail(x, x->sp, "the workbook's XML declares a DTD, which no workbook has");
}

static XML_Parser parser_new(struct xlsx *x, XML_StartElementHandler start, XML_EndElementHandler end)
{
	XML_Parser p = XML_ParserCreateNS(NULL, '|'); /* the part's own declaration or BOM says its encoding */
	if (!p)
		abort();
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, on_text);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	return p;
}

static enum err xml_error(struct xlsx *x, XML_Parser p, struct errinfo *ei)
{
	if (x->errmsg[0] && x->cells)
		return err_set(ei, ERR_INVALID, "file", x->errmsg); /* the sheet's: it names the row */
	if (x->errmsg[0])
		return err_setf(ei, ERR_INVALID, "file", "%s: %s", x->part, x->errmsg);
	return err_setf(ei, ERR_INVALID, "file", "the workbook is damaged (%s, line %lu: %s)", x->part,
			(unsigned long)XML_GetCurrentLineNumber(p), XML_ErrorString(XML_GetErrorCode(p)));
}

/* Parse the whole entry name with start/end. 1 parsed, 0 no such entry,
 * -1 error (ei set). */
static int parse_part(struct xlsx *x, const char *name, XML_StartElementHandler start, XML_EndElementHandler end,
		      struct errinfo *ei)
{
	ZPOS64_T left;
	int r = entry_open(x, name, &left, ei);
	if (r <= 0)
		return r;
	XML_Parser p = parser_new(x, start, end);
	x->sp = p;
	x->errmsg[0] = 0;
	int ok = 1;
	for (;;) {
		void *b = XML_GetBuffer(p, XLSX_CHUNK);
		if (!b)
			abort();
		long n = entry_read(x, b, XLSX_CHUNK, &left, ei);
		if (n < 0) {
			ok = 0;
			break;
		}
		if (XML_ParseBuffer(p, (int)n, n == 0) != XML_STATUS_OK) {
			xml_error(x, p, ei);
			ok = 0;
			break;
		}
		if (n == 0)
			break;
	}
	XML_ParserFree(p);
	x->sp = NULL;
	if (!ok) {
		unzCloseCurrentFile(x->zip);
		return -1;
	}
	return entry_close(x, ei) ? -1 : 1;
}

/* ---- relationships ---- */

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	if (strcmp(local(name), "Relationship") != 0)
		return;
	if (x->nrels >= 1024) {
		x_fail(x, x->sp, "too many relationships");
		return;
	}
	const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
	const char *mode = attr(atts, "TargetMode");
	if (!id || !type || !target)
		return;
	struct rel *r = &x->rels[x->nrels++];
	snprintf(r->id, sizeof r->id, "%s", id);
	snprintf(r->type, sizeof r->type, "%s", type);
	snprintf(r->target, sizeof r->target, "%s", target);
	r->external = mode && strcmp(mode, "External") == 0;
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
	(void)ud;
	(void)name;
}

/* The relationships of part (e.g. "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"). */
static int read_rels(struct xlsx *x, const char *part, struct errinfo *ei)
{
	char name[XLSX_NAME];
	const char *slash = strrchr(part, '/');
	int dir = slash ? (int)(slash - part + 1) : 0;
	snprintf(name, sizeof name, "%.*s_rels/%s.rels", dir, part, part + dir);
	x->nrels = 0;
	return parse_part(x, name, rels_start, no_end, ei);
}

/* The zip name of a relationship's target, resolved against the directory
 * of the part that has it ("worksheets/sheet1.xml", "/xl/...", "../..."). */
static int resolve(const char *part, const char *target, char *out, size_t cap)
{
	char tmp[XLSX_NAME * 2];
	if (target[0] == '/') {
		snprintf(tmp, sizeof tmp, "%s", target + 1);
	} else {
		const char *slash = strrchr(part, '/');
		int dir = slash ? (int)(slash - part + 1) : 0;
		snprintf(tmp, sizeof tmp, "%.*s%s", dir, part, target);
	}
	/* drop "./" and resolve "../" segment by segment */
	size_t o = 0;
	const char *p = tmp;
	while (*p) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (o == 0)
				return -1;
			o--; /* the '/' before the last segment */
			while (o > 0 && out[o - 1] != '/')
				o--;
		} else if (!(n == 1 && p[0] == '.') && n > 0) {
			if (o + n + 2 > cap)
				return -1;
			memcpy(out + o, p, n);
			o += n;
			if (e)
				out[o++] = '/';
		}
		p += n + (e ? 1 : 0);
	}
	if (o == 0 || out[o - 1] == '/')
		return -1;
	out[o] = 0;
	return 0;
}

static const struct rel *rel_by_type(struct xlsx *x, const char *suffix)
{
	for (size_t i = 0; i < x->nrels; i++)
		if (!x->rels[i].external && ends_with(x->rels[i].type, suffix))
			return &x->rels[i];
	return NULL;
}

/* ---- workbook.xml ---- */

static void XMLCALL workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *l = local(name);
	if (strcmp(l, "workbookPr") == 0) {
		const char *d = attr(atts, "date1904");
		x->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
	} else if (strcmp(l, "sheet") == 0) {
		const char *id = attr_ns(atts, "relationships", "id");
		if (id && x->nsheet_ids < 256)
			snprintf(x->sheet_ids[x->nsheet_ids++], 64, "%s", id);
	}
}

/* ---- sharedStrings.xml ---- */

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *l = local(name);
	if (strcmp(l, "si") == 0) {
		x->jlen = 0;
		x->join_overflow = 0;
		x->in_rph = 0;
	} else if (strcmp(l, "rPh") == 0) {
		x->in_rph = 1;
	} else if (strcmp(l, "t") == 0 && !x->in_rph) {
		text_start(x, atts);
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *l = local(name);
	if (strcmp(l, "t") == 0 && x->collecting) {
		text_join(x);
	} else if (strcmp(l, "rPh") == 0) {
		x->in_rph = 0;
	} else if (strcmp(l, "si") == 0) {
		if (x->nstrings >= XLSX_MAX_STRINGS) {
			x_fail(x, x->sp, "more shared strings than a workbook we read may have");
			return;
		}
		if (x->nstrings == x->capstrings) {
			x->capstrings = x->capstrings ? x->capstrings * 2 : 1024;
			x->strings = xrealloc(x->strings, x->capstrings * sizeof *x->strings);
		}
		/* a string too long for a cell is kept as NULL and refused where it is used */
		x->strings[x->nstrings++] = x->join_overflow ? NULL : arena_strndup(x->s->a, x->join, x->jlen);
	}
}

/* ---- styles.xml: which cell formats are dates ---- */

/* A custom number format is a date when it has y, d, or m without h or s
 * (so "h:mm" stays a time), outside quoted text, [brackets] and escapes. */
static int format_is_date(const char *code)
{
	int y = 0, m = 0, d = 0, hs = 0;
	for (const char *p = code; *p; p++) {
		if (*p == '"') {
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
		} else if (*p == '[') {
			while (p[1] && p[1] != ']')
				p++;
			if (p[1])
				p++;
		} else if (*p == '\\' || *p == '_' || *p == '*') {
			if (p[1])
				p++;
		} else if (*p == ';') {
			break; /* the first section decides */
		} else {
			char c = (char)(*p | 0x20);
			y |= c == 'y';
			m |= c == 'm';
			d |= c == 'd';
			hs |= c == 'h' || c == 's';
		}
	}
	return y || d || (m && !hs);
}

/* Built-in formats that show a date (times alone, 18-21, 32-35, 45-47,
 * 55-56, stay numbers): 14-17 and 22 everywhere, and the Chinese
 * built-ins 27-31, 36, 50-54, 57-58. */
static int builtin_is_date(long id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) ||
	       id == 57 || id == 58;
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *l = local(name);
	if (strcmp(l, "numFmts") == 0) {
		x->in_numfmts = 1;
	} else if (strcmp(l, "cellXfs") == 0) {
		x->in_cellxfs = 1;
	} else if (x->in_numfmts && strcmp(l, "numFmt") == 0) {
		long id = parse_uint(attr(atts, "numFmtId"), 100000);
		const char *code = attr(atts, "formatCode");
		if (id < 0 || !code || x->nfmts >= 1024)
			return;
		x->fmts[x->nfmts].id = (int)id;
		x->fmts[x->nfmts].date = (unsigned char)format_is_date(code);
		x->nfmts++;
	} else if (x->in_cellxfs && strcmp(l, "xf") == 0) {
		if (x->nxf >= XLSX_MAX_XFS) {
			x_fail(x, x->sp, "more cell formats than a workbook may have");
			return;
		}
		long id = parse_uint(attr(atts, "numFmtId"), 100000);
		int date = builtin_is_date(id);
		for (size_t i = 0; i < x->nfmts; i++)
			if (x->fmts[i].id == id)
				date = x->fmts[i].date;
		x->xf_date[x->nxf++] = (unsigned char)date;
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *l = local(name);
	if (strcmp(l, "numFmts") == 0)
		x->in_numfmts = 0;
	else if (strcmp(l, "cellXfs") == 0)
		x->in_cellxfs = 0;
}

/* ---- the worksheet ---- */

/* An Excel serial as "YYYY-MM-DD", or NULL when it is no date Excel shows
 * (before the system's first day, after 9999-12-31, not a number). */
static const char *serial_date(struct xlsx *x, const char *v)
{
	char *end;
	double f = strtod(v, &end);
	if (end == v || *end || !(f >= (x->date1904 ? 0 : 1) && f < 2958466))
		return NULL;
	long n = (long)f; /* the time of day is dropped */
	long days;	  /* since 1970-01-01 */
	if (x->date1904) {
		days = n - 24107; /* 1904-01-01 is serial 0 */
	} else if (n == 60) {
		return arena_strdup(x->s->a, "1900-02-29"); /* the day Excel counts and the calendar has not */
	} else {
		days = n - (n < 60 ? 25568 : 25569); /* 1900-01-01 is serial 1 */
	}
	/* the day's local midnight, written as an API time: its date part */
	char t[32];
	time_format(days * 86400 - LOCAL_UTC_OFFSET, t);
	if (t[4] != '-')
		return NULL; /* past year 9999 */
	return arena_strndup(x->s->a, t, 10);
}

/* "C5" -> column 2 (0-based), or -1 */
static int cell_col(const char *r)
{
	int c = 0, n = 0;
	for (; *r >= 'A' && *r <= 'Z'; r++, n++) {
		c = c * 26 + (*r - 'A' + 1);
		if (n >= 3)
			return -1;
	}
	if (n == 0 || *r < '0' || *r > '9')
		return -1;
	return c - 1;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xlsx *x = ud;
	const char *l = local(name);
	if (!x->in_data) {
		if (strcmp(l, "sheetData") == 0)
			x->in_data = 1;
		return;
	}
	if (!x->in_row) {
		if (strcmp(l, "row") != 0)
			return;
		const char *r = attr(atts, "r");
		long row = r ? parse_uint(r, XLSX_MAX_ROW) : x->prev_row + 1;
		if (row < 1 || row > XLSX_MAX_ROW || row <= x->prev_row) {
			char msg[120];
			snprintf(msg, sizeof msg, "the row after row %d is numbered %s: out of order or out of range",
				 x->prev_row, r ? r : "past the last");
			x_fail(x, x->sp, msg);
			return;
		}
		x->in_row = 1;
		x->row = (int)row;
		x->ncells = 0;
		x->nonempty = 0;
		x->prev_col = -1;
		return;
	}
	if (!x->in_c) {
		if (strcmp(l, "c") != 0)
			return;
		const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
		int col = r ? cell_col(r) : x->prev_col + 1;
		if (col < 0) {
			row_fail(x, "a cell's reference is not a column and row");
			return;
		}
		x->in_c = 1;
		x->col = col;
		x->prev_col = col;
		snprintf(x->ctype, sizeof x->ctype, "%s", t ? t : "n");
		x->cstyle = s ? parse_uint(s, XLSX_MAX_XFS) : 0;
		x->has_v = x->has_f = 0;
		x->in_is = x->in_v = x->in_rph = 0;
		x->jlen = 0;
		x->join_overflow = 0;
		return;
	}
	if (strcmp(l, "v") == 0 && !x->in_is) {
		x->in_v = 1;
		x->has_v = 1;
		text_start(x, atts);
		x->preserve = 1;
	} else if (strcmp(l, "f") == 0 && !x->in_is) {
		x->has_f = 1;
	} else if (strcmp(l, "is") == 0) {
		x->in_is = 1;
		x->has_v = 1;
	} else if (x->in_is && strcmp(l, "rPh") == 0) {
		x->in_rph = 1;
	} else if (x->in_is && !x->in_rph && strcmp(l, "t") == 0) {
		text_start(x, atts);
	}
}

/* The finished cell's kind and text, placed at its column. */
static void cell_end(struct xlsx *x)
{
	x->in_c = 0;
	if (!x->has_v && !x->has_f)
		return; /* a formatted cell with no value */
	if (x->join_overflow) {
		row_fail(x, "a cell is longer than a cell may be");
		return;
	}
	const char *t = x->ctype;
	enum cell_kind kind = CELL_TEXT;
	const char *text;
	if (strcmp(t, "s") == 0) {
		x->join[x->jlen] = 0;
		long i = parse_uint(x->join, LONG_MAX / 2);
		if (i < 0 || (size_t)i >= x->nstrings) {
			row_fail(x, "a cell names a shared string the workbook does not have");
			return;
		}
		text = x->strings[i];
		if (!text) {
			row_fail(x, "a cell is longer than a cell may be");
			return;
		}
	} else if (strcmp(t, "b") == 0) {
		kind = CELL_BOOL;
		text = x->jlen == 1 && x->join[0] == '1' ? "TRUE" : "FALSE";
	} else if (strcmp(t, "e") == 0) {
		kind = CELL_ERROR;
		text = arena_strndup(x->s->a, x->join, x->jlen);
	} else if (strcmp(t, "d") == 0) {
		/* an ISO 8601 date cell: its day ("2023-05-01T08:00:00" -> "2023-05-01") */
		char day[11];
		int y, m, d, iso = x->jlen >= 10 && (x->jlen == 10 || x->join[10] == 'T');
		if (iso) {
			memcpy(day, x->join, 10);
			day[10] = 0;
			iso = date_parse(day, &y, &m, &d) == 0;
		}
		kind = iso ? CELL_DATE : CELL_TEXT;
		text = arena_strndup(x->s->a, x->join, iso ? 10 : x->jlen);
	} else if (strcmp(t, "n") == 0) {
		text = arena_strndup(x->s->a, x->join, x->jlen);
		kind = CELL_NUMBER;
		if (x->cstyle >= 0 && (size_t)x->cstyle < x->nxf && x->xf_date[x->cstyle] && *text) {
			const char *d = serial_date(x, text);
			if (d) {
				kind = CELL_DATE;
				text = d;
			}
		}
	} else { /* "str", "inlineStr" */
		text = arena_strndup(x->s->a, x->join, x->jlen);
	}
	if (x->has_f)
		kind = CELL_FORMULA;
	else if (!*text)
		return; /* an empty string is an empty cell */
	if (x->col >= SHEET_MAX_CELLS) {
		char msg[80];
		snprintf(msg, sizeof msg, "row %d has more than %d columns", x->row, SHEET_MAX_CELLS);
		x_fail(x, x->sp, msg);
		return;
	}
	for (; x->ncells < x->col; x->ncells++) {
		x->cells[x->ncells].kind = CELL_EMPTY;
		x->cells[x->ncells].text = "";
	}
	x->cells[x->col].kind = kind;
	x->cells[x->col].text = text;
	if (x->col >= x->ncells)
		x->ncells = x->col + 1;
	x->nonempty = 1;
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct xlsx *x = ud;
	const char *l = local(name);
	if (!x->in_data)
		return;
	if (x->in_c) {
		if (strcmp(l, "c") == 0) {
			cell_end(x);
		} else if (strcmp(l, "v") == 0 && x->in_v) {
			x->in_v = 0;
			text_join(x);
		} else if (strcmp(l, "rPh") == 0) {
			x->in_rph = 0;
		} else if (strcmp(l, "t") == 0 && x->collecting) {
			text_join(x);
		} else if (strcmp(l, "is") == 0) {
			x->in_is = 0;
		}
		return;
	}
	if (x->in_row && strcmp(l, "row") == 0) {
		x->in_row = 0;
		x->prev_row = x->row;
		if (x->nonempty) {
			while (x->ncells > 0 && x->cells[x->ncells - 1].kind == CELL_EMPTY)
				x->ncells--;
			x->ready = 1;
			XML_StopParser(x->sp, XML_TRUE); /* hand the row out; resumed by the next call */
		}
	} else if (strcmp(l, "sheetData") == 0) {
		x->in_data = 0;
	}
}

static void xlsx_free(struct xlsx *x)
{
	if (x->sp)
		XML_ParserFree(x->sp);
	x->sp = NULL;
	if (x->zip) {
		if (x->sheet_open)
			unzCloseCurrentFile(x->zip);
		unzClose(x->zip);
	}
	x->zip = NULL;
	x->sheet_open = 0;
	free(x->strings);
	x->strings = NULL;
	free(x->buf);
	free(x->join);
	x->buf = x->join = NULL;
}

static void xlsx_close(struct sheet *s)
{
	if (s->impl)
		xlsx_free(s->impl);
}

static int xlsx_next(struct sheet *s, const struct cell **cells, int *n, int *row, struct errinfo *ei)
{
	struct xlsx *x = s->impl;
	if (!x->sp)
		return 0;
	enum XML_Status st = XML_STATUS_OK;
	x->ready = 0;
	XML_ParsingStatus ps;
	XML_GetParsingStatus(x->sp, &ps);
	if (ps.parsing == XML_SUSPENDED)
		st = XML_ResumeParser(x->sp);
	while (st == XML_STATUS_OK && !x->ready && !x->sheet_final) {
		void *b = XML_GetBuffer(x->sp, XLSX_CHUNK);
		if (!b)
			abort();
		long got = entry_read(x, b, XLSX_CHUNK, &x->sheet_left, ei);
		if (got < 0) {
			xlsx_free(x);
			return -1;
		}
		x->sheet_final = got == 0;
		st = XML_ParseBuffer(x->sp, (int)got, x->sheet_final);
	}
	if (st == XML_STATUS_ERROR) {
		xml_error(x, x->sp, ei);
		xlsx_free(x);
		return -1;
	}
	if (x->ready) {
		*cells = x->cells;
		*n = x->ncells;
		*row = x->row;
		return 1;
	}
	/* the end of the sheet: the part's checksum decides whether it was whole */
	x->sheet_open = 0;
	enum err e = entry_close(x, ei);
	xlsx_free(x);
	if (e)
		return -1;
	return 0;
}

/* ---- open ---- */

static enum err open_parts(struct xlsx *x, struct errinfo *ei)
{
	unz_global_info64 gi;
	if (unzGetGlobalInfo64(x->zip, &gi) != UNZ_OK)
		return err_set(ei, ERR_INVALID, "file", "the workbook is damaged (its zip directory cannot be read)");
	if (gi.number_entry > XLSX_MAX_ENTRIES)
		return err_setf(ei, ERR_INVALID, "file", "the zip has more than %d entries, more than a workbook has",
				XLSX_MAX_ENTRIES);
	x->rels = arena_alloc(x->s->a, 1024 * sizeof *x->rels);

	/* the workbook, named by the package's relationships */
	char wb[XLSX_NAME] = "xl/workbook.xml";
	int r = parse_part(x, "_rels/.rels", rels_start, no_end, ei);
	if (r < 0)
		return ei->code;
	const struct rel *rel = r ? rel_by_type(x, "/officeDocument") : NULL;
	if (rel && resolve("", rel->target, wb, sizeof wb))
		return err_set(ei, ERR_INVALID, "file", "the workbook is damaged (_rels/.rels names no workbook)");

	x->sheet_ids = arena_alloc(x->s->a, 256 * sizeof *x->sheet_ids);
	r = parse_part(x, wb, workbook_start, no_end, ei);
	if (r <= 0) {
		if (r == 0)
			part_missing(ei, wb);
		return ei->code;
	}
	r = read_rels(x, wb, ei);
	if (r <= 0) {
		if (r == 0)
			err_setf(ei, ERR_INVALID, "file", "the workbook is damaged (%s has no relationships)", wb);
		return ei->code;
	}
	/* the first sheet that is a worksheet (not a chart sheet) */
	char sheet[XLSX_NAME] = "";
	for (size_t i = 0; i < x->nsheet_ids && !sheet[0]; i++)
		for (size_t j = 0; j < x->nrels; j++)
			if (strcmp(x->rels[j].id, x->sheet_ids[i]) == 0 && !x->rels[j].external &&
			    ends_with(x->rels[j].type, "/worksheet") &&
			    resolve(wb, x->rels[j].target, sheet, sizeof sheet) == 0)
				break;
	if (!sheet[0])
		return err_set(ei, ERR_INVALID, "file", "the workbook has no worksheet");
	char sst[XLSX_NAME] = "", styles[XLSX_NAME] = "";
	rel = rel_by_type(x, "/sharedStrings");
	if (rel && resolve(wb, rel->target, sst, sizeof sst))
		sst[0] = 0;
	rel = rel_by_type(x, "/styles");
	if (rel && resolve(wb, rel->target, styles, sizeof styles))
		styles[0] = 0;

	if (styles[0]) {
		x->fmts = arena_alloc(x->s->a, 1024 * sizeof *x->fmts);
		x->xf_date = arena_alloc(x->s->a, XLSX_MAX_XFS);
		if (parse_part(x, styles, styles_start, styles_end, ei) < 0)
			return ei->code;
	}
	if (sst[0]) {
		r = parse_part(x, sst, sst_start, sst_end, ei);
		if (r < 0)
			return ei->code;
		if (r == 0)
			return part_missing(ei, sst);
	}

	/* the sheet, left open and streamed by next() */
	r = entry_open(x, sheet, &x->sheet_left, ei);
	if (r <= 0)
		return r == 0 ? part_missing(ei, sheet) : ei->code;
	x->sheet_open = 1;
	x->sp = parser_new(x, sheet_start, sheet_end);
	x->cells = arena_alloc(x->s->a, SHEET_MAX_CELLS * sizeof *x->cells);
	return ERR_OK;
}

enum err sheet_xlsx_open(struct sheet *s, const char *data, size_t len, struct errinfo *ei)
{
	struct xlsx *x = arena_alloc(s->a, sizeof *x);
	x->s = s;
	x->budget = SHEET_MAX_BYTES;
	x->mem.data = data;
	x->mem.len = len;
	x->buf = xmalloc(SHEET_MAX_CELL + 1);
	x->join = xmalloc(SHEET_MAX_CELL + 1);
	zlib_filefunc64_def ff = {
		.zopen64_file = mem_open,
		.zread_file = mem_read,
		.zwrite_file = mem_write,
		.ztell64_file = mem_tell,
		.zseek64_file = mem_seek,
		.zclose_file = mem_close,
		.zerror_file = mem_error,
		.opaque = &x->mem,
	};
	x->zip = unzOpen2_64("workbook.xlsx", &ff);
	if (!x->zip) {
		xlsx_free(x);
		return err_set(ei, ERR_INVALID, "file",
			       "the workbook is truncated or damaged (its zip directory is missing): save it again");
	}
	enum err e = open_parts(x, ei);
	if (e) {
		xlsx_free(x);
		return e;
	}
	s->impl = x;
	s->next = xlsx_next;
	s->close = xlsx_close;
	return ERR_OK;
}
