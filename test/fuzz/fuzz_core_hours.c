/*
 * libFuzzer harness of the core-hours parser and stored form.
 *
 * Beyond crashes and undefined behaviour it checks the contract: a rejected
 * text has a reason; an accepted one prints canonically, and the canonical
 * text parses back to the same value and prints the same; the stored form
 * round trips; and any bytes the decoder accepts are exactly what encoding
 * the decoded value gives (one stored form per value), but for the version
 * byte of a version-1 form.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core_hours.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static estate_core_hours a;
	static estate_core_hours b;
	const char *detail = NULL;

	if (estate_core_hours_parse((const char *) data, size, &a, &detail) == ESTATE_OK)
	{
		char	   *text = malloc(estate_core_hours_text_max(&a) + 1);
		char	   *again;
		size_t		n = estate_core_hours_format(&a, text);
		uint8_t    *stored;

		if (n > estate_core_hours_text_max(&a) || strlen(text) != n)
			abort();
		if (estate_core_hours_parse(text, n, &b, NULL) != ESTATE_OK || !estate_core_hours_equal(&a, &b))
			abort();
		again = malloc(estate_core_hours_text_max(&b) + 1);
		estate_core_hours_format(&b, again);
		if (strcmp(text, again) != 0)
			abort();

		stored = malloc(estate_core_hours_encoded_size(&a));
		estate_core_hours_encode(&a, stored);
		if (estate_core_hours_decode(stored, estate_core_hours_encoded_size(&a), &b, NULL) != ESTATE_OK ||
			!estate_core_hours_equal(&a, &b))
			abort();
		free(stored);
		free(again);
		free(text);
	}
	else if (detail == NULL)
		abort();

	if (estate_core_hours_decode(data, size, &a, &detail) == ESTATE_OK)
	{
		uint8_t    *stored = malloc(estate_core_hours_encoded_size(&a));

		if (estate_core_hours_encoded_size(&a) != size)
			abort();
		estate_core_hours_encode(&a, stored);
		/* Version-1 bytes differ from today's only in the version byte. */
		if (stored[0] != ESTATE_CORE_HOURS_VERSION ||
			(data[0] != ESTATE_CORE_HOURS_VERSION && data[0] != ESTATE_CORE_HOURS_VERSION_1) ||
			memcmp(stored + 1, data + 1, size - 1) != 0 ||
			!estate_core_hours_same(stored, size, data, size))
			abort();
		free(stored);
	}
	return 0;
}
