/*
 * libFuzzer harness of the text form of an investment plan.
 *
 * Checks, beyond crashes and undefined behaviour: the binary form written by
 * an accepted text stays within its bound and passes every check a received
 * plan must pass (the years agree with the items); printing it gives text
 * that parses back to the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "investment_plan.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *) data;
	size_t		max = estate_plan_binary_max(size);
	unsigned char *bin = malloc(max);
	size_t		len;
	const char *why = NULL;
	estate_plan_view v;
	char	   *text;
	size_t		tlen;
	unsigned char *bin2;
	size_t		len2;

	if (estate_plan_parse(s, size, bin, &len, &why) != ESTATE_OK)
	{
		if (why == NULL)
			abort();
		free(bin);
		return 0;
	}
	if (len > max || estate_plan_decode(bin, len, &v, &why) != ESTATE_OK)
		abort();
	text = malloc(estate_plan_text_max(&v) + 1);
	tlen = estate_plan_format(&v, text);
	if (tlen > estate_plan_text_max(&v))
		abort();
	bin2 = malloc(estate_plan_binary_max(tlen));
	if (estate_plan_parse(text, tlen, bin2, &len2, &why) != ESTATE_OK || len2 != len || memcmp(bin, bin2, len) != 0)
		abort();
	free(bin2);
	free(text);
	free(bin);
	return 0;
}
