/*
 * libFuzzer harness of the text form of the space_utilisation state.
 *
 * Checks, beyond crashes and undefined behaviour: the counting pass and the
 * filling pass agree; an accepted state satisfies every invariant the
 * aggregate relies on (periods inside the span, valid headcounts, closed
 * dates ascending); and printing it gives text that parses back to the same
 * state and prints the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utilisation_state.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static estate_core_hours core;
static estate_core_hours core2;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	estate_state_text head;
	estate_state_text head2;
	const char *detail = NULL;
	int32_t    *closed;
	estate_period *periods;
	estate_period *periods2;
	int32_t    *closed2;
	uint8_t    *core_bytes;
	char	   *core_text;
	char	   *text;
	char	   *again;
	estate_group_key key;
	size_t		n;

	if (estate_state_parse((const char *) data, size, &head, &core, NULL, NULL, &detail) != ESTATE_OK)
	{
		if (detail == NULL)
			abort();
		return 0;
	}
	closed = malloc(sizeof(int32_t) * (head.nclosed + 1));
	periods = malloc(sizeof(estate_period) * (head.nperiods + 1));
	if (estate_state_parse((const char *) data, size, &head2, &core, closed, periods, &detail) != ESTATE_OK)
	{
		free(closed);
		free(periods);
		return 0;
	}
	if (head2.nclosed != head.nclosed || head2.nperiods != head.nperiods)
		abort();
	if (estate_state_check_key(head.capacity, head.span_lo, head.span_hi, closed, head.nclosed, NULL) != ESTATE_OK)
		abort();
	for (size_t i = 0; i < head.nperiods; i++)
		if (estate_state_check_period(head.span_lo, head.span_hi, &periods[i], NULL) != ESTATE_OK)
			abort();

	core_bytes = malloc(estate_core_hours_encoded_size(&core));
	estate_core_hours_encode(&core, core_bytes);
	core_text = malloc(estate_core_hours_text_max(&core) + 1);
	estate_core_hours_format(&core, core_text);
	key.capacity = head.capacity;
	key.span_lo = head.span_lo;
	key.span_hi = head.span_hi;
	key.core = core_bytes;
	key.core_len = estate_core_hours_encoded_size(&core);
	key.closed = closed;
	key.nclosed = head.nclosed;
	text = malloc(estate_state_text_max(strlen(core_text), head.nclosed, head.nperiods) + 1);
	n = estate_state_format(&key, core_text, periods, head.nperiods, text);
	if (n > estate_state_text_max(strlen(core_text), head.nclosed, head.nperiods))
		abort();

	closed2 = malloc(sizeof(int32_t) * (head.nclosed + 1));
	periods2 = malloc(sizeof(estate_period) * (head.nperiods + 1));
	if (estate_state_parse(text, n, &head2, &core2, closed2, periods2, NULL) != ESTATE_OK ||
		head2.capacity != head.capacity || head2.span_lo != head.span_lo ||
		head2.span_hi != head.span_hi || head2.nclosed != head.nclosed ||
		head2.nperiods != head.nperiods ||
		memcmp(closed2, closed, sizeof(int32_t) * head.nclosed) != 0 ||
		memcmp(periods2, periods, sizeof(estate_period) * head.nperiods) != 0)
		abort();
	again = malloc(n + 1);
	if (estate_state_format(&key, core_text, periods2, head2.nperiods, again) != n ||
		memcmp(again, text, n) != 0)
		abort();

	free(again);
	free(periods2);
	free(closed2);
	free(text);
	free(core_text);
	free(core_bytes);
	free(periods);
	free(closed);
	return 0;
}
