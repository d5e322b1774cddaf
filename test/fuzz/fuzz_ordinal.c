/*
 * libFuzzer harness of the one-byte vocabulary parser, built once per
 * vocabulary (-DFUZZ_KIND=estate_condition_grade, estate_risk_band).
 *
 * Beyond crashes and undefined behaviour it checks the parser's contract: a
 * result is -1 or a valid position, and the canonical name of that position
 * parses back to it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "condition_grade.h"
#include "risk_band.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const estate_ordinal *kind = &FUZZ_KIND;
	int			v = estate_ordinal_parse(kind, (const char *) data, size);

	if (v < -1 || v >= kind->count)
		abort();
	if (v >= 0)
	{
		const char *name = estate_ordinal_name(kind, v);

		if (estate_ordinal_parse(kind, name, strlen(name)) != v)
			abort();
	}
	return 0;
}
