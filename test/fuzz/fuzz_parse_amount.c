/*
 * libFuzzer harness of the amount parser.
 *
 * Beyond crashes and undefined behaviour it checks the contract: the output
 * fits in len + 2 bytes; a value is a plain decimal (optional `-`, digits, an
 * optional point followed by digits) that parses back to itself; "no value"
 * words leave the output empty and agree with estate_cell_classify.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse_amount.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_plain_decimal(const char *d)
{
	size_t		i = (d[0] == '-') ? 1 : 0;
	size_t		digits = 0;

	while (d[i] >= '0' && d[i] <= '9')
		i++, digits++;
	if (digits == 0)
		abort();
	if (d[i] == '.')
	{
		size_t		point = ++i;

		while (d[i] >= '0' && d[i] <= '9')
			i++;
		if (i == point)
			abort();
	}
	if (d[i] != '\0')
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *out = malloc(size + 2);
	estate_cell_kind kind;
	estate_status st = estate_amount_parse((const char *) data, size, out, &kind);

	if (st == ESTATE_OK && kind == CELL_VALUE)
	{
		size_t		n = strlen(out);
		char	   *again = malloc(n + 2);
		estate_cell_kind kind2;

		if (n > size + 1)
			abort();
		check_plain_decimal(out);
		if (estate_amount_parse(out, n, again, &kind2) != ESTATE_OK ||
			kind2 != CELL_VALUE || strcmp(out, again) != 0)
			abort();
		free(again);
	}
	else if (st == ESTATE_OK)
	{
		if (out[0] != '\0' || estate_cell_classify((const char *) data, size) != kind)
			abort();
	}
	else if (st != ESTATE_ERR_SYNTAX)
		abort();
	free(out);
	return 0;
}
