/*
 * libFuzzer harness of the disposal impact state's text parser.
 *
 * Beyond crashes and undefined behaviour it checks the parser's contract: a
 * parsed state is consistent, and its canonical text parses back to the
 * same state and formats to the same text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "disposal_impact.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	estate_disposal_impact s;
	estate_disposal_impact again;
	const char *why = NULL;
	char		text[ESTATE_IMPACT_TEXT_MAX];
	char		text2[ESTATE_IMPACT_TEXT_MAX];
	estate_status st = estate_impact_parse((const char *) data, size, &s, &why);

	if (st != ESTATE_OK && (why == NULL || (st != ESTATE_ERR_SYNTAX && st != ESTATE_ERR_RANGE)))
		abort();
	if (st == ESTATE_OK)
	{
		size_t		len = (size_t) estate_impact_format(&s, text);

		if (estate_impact_check(&s) != NULL || len >= sizeof(text) ||
			estate_impact_parse(text, len, &again, &why) != ESTATE_OK ||
			memcmp(&s, &again, sizeof(s)) != 0)
			abort();
		estate_impact_format(&again, text2);
		if (strcmp(text, text2) != 0)
			abort();
	}
	return 0;
}
