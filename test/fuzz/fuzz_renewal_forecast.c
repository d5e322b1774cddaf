/*
 * libFuzzer harness of the parser of the renewal forecast state's text form.
 *
 * Beyond crashes and undefined behaviour it checks the contract: a parsed
 * state has a horizon of 1-100, a non-negative element count and amounts,
 * and an inflation span inside the input.
 */
#include <stdint.h>
#include <stdlib.h>

#include "renewal_forecast.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	estate_renewal_text t;
	const char *why = NULL;
	const char *s = (const char *) data;
	estate_status st = estate_renewal_parse(s, size, &t, &why);

	if (st != ESTATE_OK)
	{
		if (why == NULL || (st != ESTATE_ERR_SYNTAX && st != ESTATE_ERR_RANGE))
			abort();
		return 0;
	}
	if (t.horizon < RENEWAL_HORIZON_MIN || t.horizon > RENEWAL_HORIZON_MAX || t.elements < 0 ||
		t.inflation < s || t.inflation_len == 0 || t.inflation + t.inflation_len > s + size)
		abort();
	for (int k = 0; k < t.horizon; k++)
		if (t.due[k] < 0)
			abort();
	return 0;
}
