/*
 * libFuzzer harness of the backlog text parser (and, on the same bytes, the
 * numeric payload decoder).
 *
 * Beyond crashes and undefined behaviour it checks the parser's contract: a
 * parsed backlog is never negative, and its canonical text parses back to
 * the same value and formats to the same text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backlog.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	estate_backlog b;
	estate_backlog again;
	const char *why = NULL;
	char		text[ESTATE_BACKLOG_TEXT_MAX];
	char		text2[ESTATE_BACKLOG_TEXT_MAX];
	int64_t		pence;
	estate_status st = estate_backlog_parse((const char *) data, size, &b, &why);

	if (st != ESTATE_OK && (why == NULL || (st != ESTATE_ERR_SYNTAX && st != ESTATE_ERR_RANGE)))
		abort();
	if (st == ESTATE_OK)
	{
		size_t		len = (size_t) estate_backlog_format(&b, text);

		if (!estate_backlog_valid(&b) || len >= sizeof(text) ||
			estate_backlog_parse(text, len, &again, &why) != ESTATE_OK ||
			memcmp(&b, &again, sizeof(b)) != 0)
			abort();
		estate_backlog_format(&again, text2);
		if (strcmp(text, text2) != 0)
			abort();
	}
	st = estate_pence_from_numeric(data, size, &pence);
	if (st != ESTATE_OK && st != ESTATE_ERR_ARGUMENT && st != ESTATE_ERR_RANGE)
		abort();
	return 0;
}
