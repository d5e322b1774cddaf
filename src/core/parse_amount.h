/*
 * parse_amount.h - the number formats of published estates returns.
 *
 * ERIC and similar returns write numbers as `1234`, `1,234`, `£1,234.56` or
 * `-4913`, and write "no value" as a blank, `Not Applicable`, `N/A`,
 * `No Data Provided` or `-`.  The parser turns a cell into a plain decimal
 * (`-1234.56`) or says which kind of "no value" it is.
 */
#ifndef ESTATE_CORE_PARSE_AMOUNT_H
#define ESTATE_CORE_PARSE_AMOUNT_H

#include <stddef.h>

#include "status.h"

/* What a cell holds. */
typedef enum estate_cell_kind
{
	CELL_VALUE = 0,				/* anything else: a value (maybe malformed) */
	CELL_NOT_APPLICABLE,		/* `Not Applicable`, `N/A`: an answer */
	CELL_MISSING				/* blank, `No Data Provided`, `-`: a data gap */
} estate_cell_kind;

/*
 * Classify a cell by its "no value" words alone (case-insensitive, surrounding
 * white space ignored, `£` and digits not looked at).
 */
extern estate_cell_kind estate_cell_classify(const char *s, size_t len);

/* The name of a kind: "value", "not applicable", "missing". */
extern const char *estate_cell_kind_name(estate_cell_kind kind);

/*
 * Parse an amount of len bytes (UTF-8; `£` is U+00A3).  On success *kind is
 * CELL_VALUE and out holds the plain decimal, NUL-terminated: an optional
 * `-`, digits without leading zeros (one `0` before a point), and the
 * fraction as written.  out needs len + 2 bytes.  For the "no value" words
 * *kind says which, and out is empty.  Anything else is ESTATE_ERR_SYNTAX.
 *
 * Accepted: optional white space (also U+00A0), an optional sign `-`/`+`
 * before or after an optional `£`, digits either plain or grouped in threes
 * by commas (`1,234,567`), an optional fraction `.5`.  Rejected: exponents,
 * `NaN`, `Infinity`, misplaced commas, a lone point, anything else.
 */
extern estate_status estate_amount_parse(const char *s, size_t len, char *out,
										 estate_cell_kind *kind);

#endif
