/* sheet_xlsx.c - XLSX workbooks (placeholder until the zip and XML reader
 * lands: the file is refused with a clear message). */
#include "io/sheet_int.h"

enum err sheet_xlsx_open(struct sheet *s, const char *data, size_t len, struct errinfo *ei)
{
	(void)s;
	(void)data;
	(void)len;
	return err_set(ei, ERR_INVALID, "file", "XLSX workbooks are not read yet: save the sheet as CSV");
}
