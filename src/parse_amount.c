/*
 * parse_amount.c - fmgr glue of estate.parse_amount and estate.cell_kind:
 * the number formats of published returns.
 */
#include "postgres.h"
#include "fmgr.h"

#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/numeric.h"
#if PG_VERSION_NUM >= 160000
#include "varatt.h"				/* the varlena macros left postgres.h in 16 */
#endif

#include "core/parse_amount.h"

#include "common/error.h"

/* The core reads UTF-8 (`£` is two bytes there); other server encodings are converted. */
static const char *
as_utf8(text *t, size_t *len)
{
	const char *s = VARDATA_ANY(t);
	int			n = VARSIZE_ANY_EXHDR(t);
	const char *u = pg_server_to_any(s, n, PG_UTF8);

	*len = (u == s) ? (size_t) n : strlen(u);
	return u;
}

PG_FUNCTION_INFO_V1(parse_amount);
Datum
parse_amount(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	size_t		len;
	const char *s = as_utf8(t, &len);
	char	   *out = palloc(len + 2);
	estate_cell_kind kind;

	if (estate_amount_parse(s, len, out, &kind) != ESTATE_OK)
		estate_error(ESTATE_ERR_SYNTAX, NULL,
					 "An amount is digits, optionally grouped by commas in threes, with an optional "
					 "fraction, sign and pound sign (1234, 1,234.56, -£1,234); blank, N/A, "
					 "Not Applicable, No Data Provided and - mean no value.",
					 "invalid amount: \"%s\"", text_to_cstring(t));
	if (kind != CELL_VALUE)
		PG_RETURN_NULL();
	return DirectFunctionCall3(numeric_in, CStringGetDatum(out),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/* NULL is a blank cell: a data gap. */
PG_FUNCTION_INFO_V1(cell_kind);
Datum
cell_kind(PG_FUNCTION_ARGS)
{
	estate_cell_kind kind = CELL_MISSING;

	if (!PG_ARGISNULL(0))
	{
		size_t		len;
		const char *s = as_utf8(PG_GETARG_TEXT_PP(0), &len);

		kind = estate_cell_classify(s, len);
	}
	PG_RETURN_TEXT_P(cstring_to_text(estate_cell_kind_name(kind)));
}
